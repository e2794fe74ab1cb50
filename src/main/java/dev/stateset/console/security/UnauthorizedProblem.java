package dev.stateset.console.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The API's 401, written by the security filters (before any controller advice can run) in the same RFC 9457 shape
 * as every other API error, with a {@code WWW-Authenticate} header naming both ways in.
 */
final class UnauthorizedProblem {

    private static final ObjectMapper JSON = new ObjectMapper();

    private UnauthorizedProblem() {}

    /** 429 for a login the throttle refused, with when to try again. */
    static void writeTooManyRequests(HttpServletResponse response, String detail, long retryAfterSeconds)
            throws IOException {
        response.setHeader("Retry-After", String.valueOf(retryAfterSeconds));
        write(response, 429, "Too many failed logins", detail, Map.of("retryAfterSeconds", retryAfterSeconds));
    }

    static void write(HttpServletResponse response, String detail) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"stateset\", Basic realm=\"stateset\"");
        write(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", detail, Map.of());
    }

    private static void write(
            HttpServletResponse response, int status, String title, String detail, Map<String, Object> more)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.putAll(more);
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getWriter(), body);
    }
}

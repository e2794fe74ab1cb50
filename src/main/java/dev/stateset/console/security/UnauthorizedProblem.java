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
    static void writeTooManyRequests(HttpServletResponse response, String detail, long retryAfterSeconds) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", "Too many failed logins");
        body.put("status", 429);
        body.put("detail", detail);
        body.put("retryAfterSeconds", retryAfterSeconds);
        response.setStatus(429);
        response.setHeader("Retry-After", String.valueOf(retryAfterSeconds));
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getWriter(), body);
    }

    static void write(HttpServletResponse response, String detail) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", "Unauthorized");
        body.put("status", HttpServletResponse.SC_UNAUTHORIZED);
        body.put("detail", detail);
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Bearer realm=\"stateset\", Basic realm=\"stateset\"");
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getWriter(), body);
    }
}

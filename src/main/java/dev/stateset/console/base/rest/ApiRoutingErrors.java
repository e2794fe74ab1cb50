package dev.stateset.console.base.rest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Errors found before any endpoint is chosen, as problem details like every other API error: a method the path does not
 * take (405), a body type it does not read (415), a result type it cannot write (406), and a path under {@code /api/}
 * that names no endpoint at all (404 — without this the request fell through to the UI's servlet and answered 200 with
 * its HTML page, so a mistyped endpoint in a script looked like success).
 */
final class ApiRoutingErrors {

    private ApiRoutingErrors() {}

    /** Global (no base package): with no endpoint chosen, only an advice without selectors applies. */
    @RestControllerAdvice
    @Order(Ordered.LOWEST_PRECEDENCE)
    static class Routing {

        @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
        ResponseEntity<ProblemDetail> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
            ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);
            if (e.getSupportedHttpMethods() != null) {
                response.allow(e.getSupportedHttpMethods().toArray(org.springframework.http.HttpMethod[]::new));
            }
            return response.body(problem(
                    HttpStatus.METHOD_NOT_ALLOWED,
                    "Method not allowed",
                    e.getMethod() + " is not supported here; supported: " + e.getSupportedHttpMethods()));
        }

        @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
        ResponseEntity<ProblemDetail> unsupportedBody(HttpMediaTypeNotSupportedException e) {
            return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .header(HttpHeaders.ACCEPT, MediaType.toString(e.getSupportedMediaTypes()))
                    .body(problem(
                            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                            "Unsupported media type",
                            "Content-Type " + e.getContentType() + " is not accepted here; send "
                                    + e.getSupportedMediaTypes()));
        }

        /** An upload over the limit is refused while the multipart body is read, before any endpoint runs. */
        @ExceptionHandler(org.springframework.web.multipart.MaxUploadSizeExceededException.class)
        ResponseEntity<ProblemDetail> tooLarge(org.springframework.web.multipart.MaxUploadSizeExceededException e) {
            String detail = "The upload is larger than the limit"
                    + (e.getMaxUploadSize() > 0 ? " of " + e.getMaxUploadSize() / (1024 * 1024) + " MB" : "");
            ProblemDetail problem = ApiErrors.withFieldErrors(
                    problem(HttpStatus.PAYLOAD_TOO_LARGE, "Too large", detail), java.util.Map.of("file", detail));
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }

        @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
        ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e) {
            return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem(
                            HttpStatus.NOT_ACCEPTABLE,
                            "Not acceptable",
                            "This endpoint answers " + e.getSupportedMediaTypes()));
        }
    }

    /** After security (an anonymous caller still gets 401 first): an API path no endpoint maps answers 404. */
    @Component
    static class UnknownApiPath extends OncePerRequestFilter {

        private final RequestMappingHandlerMapping endpoints;
        private final com.fasterxml.jackson.databind.ObjectMapper json;

        UnknownApiPath(
                @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping endpoints,
                com.fasterxml.jackson.databind.ObjectMapper json) {
            this.endpoints = endpoints;
            this.json = json;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            boolean mapped;
            Object previousPath = request.getAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
            try {
                ServletRequestPathUtils.parseAndCache(request);
                mapped = endpoints.getHandler(request) != null;
            } catch (Exception wrongMethodOrType) {
                mapped = true; // the path exists; the dispatcher answers 405/415 for it
            } finally {
                request.setAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE, previousPath);
            }
            if (mapped) {
                chain.doFilter(request, response);
                return;
            }
            response.setStatus(HttpStatus.NOT_FOUND.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            ProblemDetail problem = problem(
                    HttpStatus.NOT_FOUND,
                    "Not found",
                    "No API endpoint " + request.getMethod() + " " + request.getRequestURI() + " (see /v3/api-docs)");
            problem.setInstance(java.net.URI.create(request.getRequestURI()));
            json.writeValue(response.getWriter(), problem);
        }
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        return ApiErrors.problem(status, title, detail);
    }
}

package dev.stateset.console.base.rest;

import com.fasterxml.jackson.databind.JsonMappingException;
import dev.stateset.console.base.DependencyFailureException;
import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.base.ResourceNotFoundException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The API's errors as RFC 9457 problem details ({@code application/problem+json}); validation failures carry an
 * {@code errors} list of {field, message}, whether a service refused the values or Spring could not even read them
 * (malformed JSON, an unknown enum constant, a path id that is not a number). A resource of a workspace the caller
 * is not in is 404, exactly like one that does not exist.
 */
@RestControllerAdvice(basePackages = "dev.stateset.console")
class ApiErrors extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalid(InvalidInputException e) {
        return validation(e.title(), e.getMessage(), e.fieldErrors());
    }

    @ExceptionHandler(ResourceNotFoundException.class)
    ProblemDetail notFound(ResourceNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail forbidden(AccessDeniedException e) {
        // Spring's own refusal of a method-level rule says only "Access Denied"; every such rule in the console is an
        // admin's (@PreAuthorize("hasRole('ADMIN')")), so the caller is told which role it needs.
        String detail = "Access Denied".equals(e.getMessage()) ? "This needs the console's ADMIN role" : e.getMessage();
        return problem(HttpStatus.FORBIDDEN, "Forbidden", detail);
    }

    @ExceptionHandler(ObjectOptimisticLockingFailureException.class)
    ProblemDetail conflict(ObjectOptimisticLockingFailureException e) {
        return problem(
                HttpStatus.CONFLICT,
                "Changed meanwhile",
                "Someone else changed this at the same time; read it again and retry");
    }

    /** Flink or storage failed: each feature's exception says which, and whether to retry later or not. */
    @ExceptionHandler(DependencyFailureException.class)
    ProblemDetail dependencyFailed(DependencyFailureException e) {
        HttpStatus status = e.kind() == DependencyFailureException.Kind.REFUSED
                ? HttpStatus.CONFLICT
                : HttpStatus.SERVICE_UNAVAILABLE;
        return problem(status, e.title(), e.getMessage());
    }

    /** Anything unforeseen: logged with its stack trace, answered without it. */
    @ExceptionHandler(RuntimeException.class)
    ProblemDetail unexpected(RuntimeException e) {
        LOG.error("Unexpected error answering an API request", e);
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Internal error",
                "The console could not complete the request; the server log has the details");
    }

    /** A body that is not JSON, or a JSON value of the wrong type: the field is named where Jackson knows it. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = "body";
        String message = "The request body is missing or is not valid JSON";
        if (e.getCause() instanceof JsonMappingException mapping) {
            java.util.regex.Matcher missing = MISSING_PROPERTY.matcher(String.valueOf(mapping.getOriginalMessage()));
            if (missing.find()) {
                field = missing.group(1);
                message = "Required";
            } else if (!mapping.getPath().isEmpty()) {
                field = mapping.getPath().stream()
                        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                        .collect(Collectors.joining("."));
                message = wrongValue(mapping);
            }
        }
        return ResponseEntity.badRequest()
                .body(validation("Invalid input", field + ": " + message, Map.of(field, message)));
    }

    private static final java.util.regex.Pattern MISSING_PROPERTY =
            java.util.regex.Pattern.compile("Missing required creator property '([^']+)'");

    /** What is wrong with a value Jackson could not bind, in the words of the type it wanted. */
    private static String wrongValue(JsonMappingException mapping) {
        if (mapping instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException unknown) {
            return "Unknown property; accepted are " + unknown.getKnownPropertyIds();
        }
        Class<?> type = mapping instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch
                ? mismatch.getTargetType()
                : null;
        if (String.valueOf(mapping.getOriginalMessage()).startsWith("Cannot map `null`")) {
            return "Must not be null";
        }
        if (type == null) {
            return "Has the wrong type";
        }
        if (type.isEnum()) {
            return "Must be one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == int.class
                || type == Integer.class
                || type == long.class
                || type == Long.class
                || type == short.class) {
            return "Must be a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "Must be true or false";
        }
        if (type == String.class) {
            return "Must be a string";
        }
        return "Has the wrong type (expected " + type.getSimpleName() + ")";
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = e instanceof MethodArgumentTypeMismatchException argument
                ? argument.getName()
                : String.valueOf(e.getPropertyName());
        Class<?> type = e.getRequiredType();
        String message = type != null && type.isEnum()
                ? "Must be one of " + Arrays.toString(type.getEnumConstants())
                : "'" + e.getValue() + "' is not a valid "
                        + (type == null ? "value" : type.getSimpleName().toLowerCase());
        return ResponseEntity.badRequest()
                .body(validation("Invalid input", field + ": " + message, Map.of(field, message)));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String message = "Required";
        return ResponseEntity.badRequest()
                .body(validation(
                        "Invalid input", e.getParameterName() + ": " + message, Map.of(e.getParameterName(), message)));
    }

    private static ProblemDetail validation(String title, String detail, Map<String, String> fieldErrors) {
        return withFieldErrors(problem(HttpStatus.BAD_REQUEST, title, detail), fieldErrors);
    }

    /** The {@code errors} list of {field, message} that every problem about input carries. */
    static ProblemDetail withFieldErrors(ProblemDetail problem, Map<String, String> fieldErrors) {
        List<Map<String, String>> errors = fieldErrors.entrySet().stream()
                .map(entry -> Map.of("field", entry.getKey(), "message", entry.getValue()))
                .toList();
        problem.setProperty("errors", errors);
        return problem;
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}

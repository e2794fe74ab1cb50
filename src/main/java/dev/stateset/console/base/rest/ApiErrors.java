package dev.stateset.console.base.rest;

import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.base.ResourceNotFoundException;
import dev.stateset.console.cron.InvalidCronException;
import dev.stateset.console.engine.EngineRejectedException;
import dev.stateset.console.engine.EngineUnavailableException;
import dev.stateset.console.storage.StorageException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The API's errors as RFC 9457 problem details ({@code application/problem+json}); validation failures carry an
 * {@code errors} list of {field, message}. A resource of a workspace the caller is not in is 404, exactly like one
 * that does not exist.
 */
@RestControllerAdvice(basePackages = "dev.stateset.console")
class ApiErrors {

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalid(InvalidInputException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid input", e.getMessage());
        problem.setProperty("errors", e.fieldErrors().entrySet().stream()
                .map(entry -> Map.of("field", entry.getKey(), "message", entry.getValue())).toList());
        return problem;
    }

    @ExceptionHandler(InvalidCronException.class)
    ProblemDetail invalidCron(InvalidCronException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid cron expression", e.getMessage());
        problem.setProperty("errors", List.of(Map.of("field", e.field(), "message", e.getMessage())));
        return problem;
    }

    @ExceptionHandler(ResourceNotFoundException.class)
    ProblemDetail notFound(ResourceNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail forbidden(AccessDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
    }

    @ExceptionHandler(EngineUnavailableException.class)
    ProblemDetail engineDown(EngineUnavailableException e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Flink unreachable", e.getMessage());
    }

    @ExceptionHandler(EngineRejectedException.class)
    ProblemDetail engineRefused(EngineRejectedException e) {
        return problem(HttpStatus.CONFLICT, "Refused by Flink", e.getMessage());
    }

    @ExceptionHandler(StorageException.class)
    ProblemDetail storage(StorageException e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Storage error", e.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}

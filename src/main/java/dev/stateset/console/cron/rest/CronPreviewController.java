package dev.stateset.console.cron.rest;

import dev.stateset.console.cron.CronPreview;
import dev.stateset.console.cron.CronPreviewService;
import dev.stateset.console.cron.InvalidCronException;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/cron/preview}: the plain-language description and next run times of an expression, in UTC
 * ISO-8601. An invalid expression answers 400 with the offending field.
 */
@RestController
@RequestMapping("/api/v1/cron")
class CronPreviewController {

    private final CronPreviewService cron;

    CronPreviewController(CronPreviewService cron) {
        this.cron = cron;
    }

    /** An expression's reading and its next run times (UTC, ISO-8601). */
    record Preview(
            String expression, boolean valid, String description, boolean minimumIntervalApplied, List<Instant> next) {}

    @Operation(
            summary = "Preview a cron expression",
            description = "Its next times and a description in words, or the field that is wrong.")
    @GetMapping("/preview")
    Preview preview(
            @RequestParam(required = false) String expression,
            @RequestParam(required = false) String zone,
            @RequestParam(required = false) String from,
            @RequestParam(defaultValue = "5") String count) {
        CronPreview preview = cron.preview(expression, zone, parseFrom(from), parseCount(count));
        return new Preview(
                preview.expression(), true, preview.description(), preview.minimumIntervalApplied(), preview.next());
    }

    /** A problem detail like every other refusal, plus {@code valid} and {@code field} so that a form can mark the field. */
    @ExceptionHandler(InvalidCronException.class)
    ProblemDetail invalid(InvalidCronException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid cron expression");
        problem.setProperty("valid", false);
        problem.setProperty("field", e.field());
        problem.setProperty("errors", List.of(Map.of("field", e.field(), "message", e.getMessage())));
        return problem;
    }

    private static Instant parseFrom(String from) {
        if (from == null || from.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(from.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidCronException("from", "from must be an ISO-8601 instant, e.g. 2026-11-29T09:00:00Z");
        }
    }

    private static int parseCount(String count) {
        try {
            return Integer.parseInt(count.strip());
        } catch (NumberFormatException e) {
            throw new InvalidCronException(
                    "count", "count must be a whole number between 1 and " + CronPreviewService.MAX_COUNT);
        }
    }
}

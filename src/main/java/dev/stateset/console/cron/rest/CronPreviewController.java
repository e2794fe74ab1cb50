package dev.stateset.console.cron.rest;

import dev.stateset.console.cron.CronPreview;
import dev.stateset.console.cron.CronPreviewService;
import dev.stateset.console.cron.InvalidCronException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
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

    @GetMapping("/preview")
    Map<String, Object> preview(@RequestParam(required = false) String expression, @RequestParam(required = false) String zone,
            @RequestParam(required = false) String from, @RequestParam(defaultValue = "5") String count) {
        CronPreview preview = cron.preview(expression, zone, parseFrom(from), parseCount(count));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("expression", preview.expression());
        body.put("valid", true);
        body.put("description", preview.description());
        body.put("minimumIntervalApplied", preview.minimumIntervalApplied());
        body.put("next", preview.next().stream().map(Instant::toString).toList());
        return body;
    }

    @ExceptionHandler(InvalidCronException.class)
    ResponseEntity<Map<String, Object>> invalid(InvalidCronException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("valid", false);
        body.put("error", e.getMessage());
        body.put("field", e.field());
        return ResponseEntity.badRequest().body(body);
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
            throw new InvalidCronException("count", "count must be a whole number between 1 and " + CronPreviewService.MAX_COUNT);
        }
    }
}

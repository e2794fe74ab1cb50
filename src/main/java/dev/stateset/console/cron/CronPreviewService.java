package dev.stateset.console.cron;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import org.springframework.stereotype.Service;

/** Previews of cron expressions for the widget and the API: what a schedule will do, or why it is refused. */
@Service
public class CronPreviewService {

    public static final int MAX_COUNT = 50;

    private final Clock clock;

    CronPreviewService(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param zone  IANA zone name; null for UTC
     * @param from  exclusive start; null for now
     * @param count 1 to {@value #MAX_COUNT}
     * @throws InvalidCronException for a refused expression (field minute|hour|day|month|week|expression), an unknown
     *                              zone (field zone) or a count out of range (field count)
     */
    public CronPreview preview(String expression, String zone, Instant from, int count) {
        ZoneId zoneId;
        try {
            zoneId = zone == null || zone.isBlank() ? ZoneId.of("UTC") : ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            throw new InvalidCronException(
                    "zone", "Unknown time zone '" + zone + "' (use an IANA name such as Europe/Berlin)");
        }
        if (count < 1 || count > MAX_COUNT) {
            throw new InvalidCronException("count", "count must be between 1 and " + MAX_COUNT);
        }
        return CronDialect.parse(expression).preview(from == null ? clock.instant() : from, zoneId, count);
    }

    public Instant now() {
        return clock.instant();
    }
}

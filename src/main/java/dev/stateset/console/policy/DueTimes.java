package dev.stateset.console.policy;

import dev.stateset.console.cron.CronSchedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Due times of a schedule with load spreading: every cron time moved by a stable per-job offset, so that many jobs
 * with {@code 0 0 * * *} do not all savepoint at 00:00:00. The 10-minute minimum applies to the shifted times.
 */
public final class DueTimes {

    private DueTimes() {}

    /**
     * The job's offset within a window of {@code spreadMinutes} (0 = no spreading): the same for every call. Whole
     * seconds, not minutes: a thousand jobs due at 00:00 then arrive a few per second, not a hundred per minute mark.
     */
    public static Duration offset(long jobId, int spreadMinutes) {
        if (spreadMinutes <= 0) {
            return Duration.ZERO;
        }
        long mixed = jobId * 0x9E3779B97F4A7C15L;
        int hash = (int) (mixed ^ (mixed >>> 32));
        return Duration.ofSeconds(Math.floorMod(hash, spreadMinutes * 60 + 1));
    }

    /**
     * As {@link #next(CronSchedule, ZoneId, Instant, Instant, Duration)}, moved to the end of the blackout window it
     * falls in: the due times a window covers become one at its end, never a burst.
     */
    public static Optional<Instant> next(
            CronSchedule cron,
            ZoneId zone,
            Instant after,
            Instant lastDue,
            Duration offset,
            dev.stateset.console.cron.BlackoutWindows blackouts) {
        return next(cron, zone, after, lastDue, offset)
                .map(due -> blackouts.endOfWindowAt(due, zone).orElse(due));
    }

    /** The first due time strictly after {@code after}, at least 10 minutes after {@code lastDue} (null: none). */
    public static Optional<Instant> next(
            CronSchedule cron, ZoneId zone, Instant after, Instant lastDue, Duration offset) {
        return cron.nextTrigger(after.minus(offset), zone, lastDue == null ? null : lastDue.minus(offset))
                .map(t -> t.plus(offset));
    }
}

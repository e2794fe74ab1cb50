package dev.stateset.console.cron;

import com.cronutils.model.Cron;
import com.cronutils.model.time.ExecutionTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A valid expression of the console's cron dialect, evaluated on the workspace's wall clock.
 *
 * <p>Due times come from cron-utils, evaluated on local date-times (so "02:30" means 02:30 on the clock on every
 * day), then placed in the zone: a time inside a daylight-saving gap fires at the end of the gap (cron-utils alone
 * would skip that day), a time inside an overlap fires once, at its first occurrence. The 10-minute minimum is
 * applied on top: a due time less than 10 minutes after the previous trigger is skipped.
 */
public final class CronSchedule {

    public static final Duration MINIMUM_INTERVAL = Duration.ofMinutes(10);
    private static final int MAX_STEPS = 10_000;

    private final String expression;
    private final Cron cron;
    private final ExecutionTime execution;

    CronSchedule(String expression, Cron cron) {
        this.expression = expression;
        this.cron = cron;
        this.execution = ExecutionTime.forCron(cron);
    }

    /** The expression, trimmed and single-spaced. */
    public String expression() {
        return expression;
    }

    Cron cron() {
        return cron;
    }

    /** The first due time strictly after {@code after}, without the 10-minute minimum; empty if there is none. */
    public Optional<Instant> nextDueAfter(Instant after, ZoneId zone) {
        ZonedDateTime cursor = LocalDateTime.ofInstant(after, zone).atZone(ZoneOffset.UTC);
        for (int step = 0; step < MAX_STEPS; step++) {
            Optional<ZonedDateTime> next = execution.nextExecution(cursor);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            Instant instant = onWallClock(next.get().toLocalDateTime(), zone);
            if (instant.isAfter(after)) {
                return Optional.of(instant);
            }
            cursor = next.get();
        }
        return Optional.empty();
    }

    /**
     * The next trigger strictly after {@code after}, honouring the 10-minute minimum after {@code lastTrigger}
     * (null when there was none).
     */
    public Optional<Instant> nextTrigger(Instant after, ZoneId zone, Instant lastTrigger) {
        Instant from = after;
        if (lastTrigger != null) {
            Instant floor = lastTrigger.plus(MINIMUM_INTERVAL).minusNanos(1);
            if (floor.isAfter(from)) {
                from = floor;
            }
        }
        return nextDueAfter(from, zone);
    }

    /** The next {@code count} triggers after {@code from} (exclusive), with the 10-minute minimum applied. */
    public CronPreview preview(Instant from, ZoneId zone, int count) {
        List<Instant> next = new ArrayList<>();
        Instant cursor = from;
        Instant last = null;
        while (next.size() < count) {
            Optional<Instant> trigger = nextTrigger(cursor, zone, last);
            if (trigger.isEmpty()) {
                break;
            }
            next.add(trigger.get());
            last = trigger.get();
            cursor = trigger.get();
        }
        return new CronPreview(
                expression, CronDescriber.describe(this), hasDueTimesCloserThanMinimum(from, zone), List.copyOf(next));
    }

    /**
     * Whether, within the next few days of due times, two come less than 10 minutes apart. Up to 200 next-time
     * computations (~10 ms), asked by every preview, e.g. each time someone opens a job's Configuration tab: the answer
     * is kept per expression, zone and hour, as it only changes with the calendar.
     */
    boolean hasDueTimesCloserThanMinimum(Instant from, ZoneId zone) {
        String key = expression + "|" + zone.getId() + "|" + from.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        Boolean known = CLOSE_DUE_TIMES.get(key);
        if (known != null) {
            return known;
        }
        boolean close = computeDueTimesCloserThanMinimum(from, zone);
        if (CLOSE_DUE_TIMES.size() >= 1000) {
            CLOSE_DUE_TIMES.clear();
        }
        CLOSE_DUE_TIMES.put(key, close);
        return close;
    }

    private static final java.util.Map<String, Boolean> CLOSE_DUE_TIMES =
            new java.util.concurrent.ConcurrentHashMap<>();

    private boolean computeDueTimesCloserThanMinimum(Instant from, ZoneId zone) {
        Instant previous = null;
        Instant cursor = from;
        for (int i = 0; i < 200; i++) {
            Optional<Instant> due = nextDueAfter(cursor, zone);
            if (due.isEmpty()) {
                return false;
            }
            if (previous != null && Duration.between(previous, due.get()).compareTo(MINIMUM_INTERVAL) < 0) {
                return true;
            }
            previous = due.get();
            cursor = due.get();
        }
        return false;
    }

    /** A local date-time on the zone's clock: in a gap, the end of the gap; in an overlap, the earlier instant. */
    static Instant onWallClock(LocalDateTime local, ZoneId zone) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        return ZonedDateTime.ofLocal(local, zone, null).toInstant();
    }

    @Override
    public String toString() {
        return expression;
    }
}

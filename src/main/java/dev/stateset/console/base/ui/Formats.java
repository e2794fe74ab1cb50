package dev.stateset.console.base.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How times, durations and sizes read in the console. A time is one rule everywhere: the workspace's zone (or
 * the user's choice of UTC or the browser's zone, {@link DisplayZone}) with its offset, never a raw instant.
 */
public final class Formats {

    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx", Locale.ENGLISH);
    private static final DateTimeFormatter SCHEDULE_TIME =
            DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm xxx", Locale.ENGLISH);

    private Formats() {}

    /** @param workspaceZone the zone of the workspace the time belongs to; null on pages about no single workspace */
    public static String dateTime(Instant instant, ZoneId workspaceZone) {
        return instant == null ? "—" : DATE_TIME.format(instant.atZone(DisplayZone.resolve(workspaceZone)));
    }

    /** A due time of a schedule: to the minute, with the weekday a cron expression is often written for. */
    public static String scheduleTime(Instant instant, ZoneId workspaceZone) {
        return instant == null ? "—" : SCHEDULE_TIME.format(instant.atZone(DisplayZone.resolve(workspaceZone)));
    }

    public static String duration(Duration d) {
        if (d == null) {
            return "—";
        }
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format("%.1f s", ms / 1000.0);
        }
        long s = d.toSeconds();
        return s >= 3600
                ? String.format("%d h %02d min", s / 3600, (s % 3600) / 60)
                : String.format("%d min %02d s", s / 60, s % 60);
    }

    public static String bytes(Long bytes) {
        if (bytes == null) {
            return "—";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format("%.1f %s", value, units[unit]);
    }
}

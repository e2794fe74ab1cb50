package dev.stateset.console.cron;

import dev.stateset.console.base.InvalidInputException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Weekly windows in which no scheduled snapshot starts, one per line in a team's own words: {@code Mon-Fri 09:00-17:00},
 * {@code Sat,Sun 00:00-24:00}, {@code daily 12:00-13:00}, {@code Fri 22:00-02:00} (an end at or before the start runs
 * into the next day). Read in the workspace's zone, so a window keeps its wall-clock hours across daylight saving.
 */
public final class BlackoutWindows {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(BlackoutWindows.class);

    public static final int MAX_LENGTH = 1000;
    public static final BlackoutWindows NONE = new BlackoutWindows(List.of(), "");

    private static final Pattern LINE =
            Pattern.compile("(?i)^\\s*([a-z,\\-]+)\\s+(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})\\s*$");
    private static final int DAY_MINUTES = 24 * 60;

    /** One weekly window: from {@code startMinute} of each day in {@code days} for {@code lengthMinutes}. */
    record Window(Set<DayOfWeek> days, int startMinute, int lengthMinutes) {}

    private final List<Window> windows;
    private final String text;

    private BlackoutWindows(List<Window> windows, String text) {
        this.windows = windows;
        this.text = text;
    }

    /**
     * Windows as saved (they were validated then): text edited past validation, by hand in the database, counts as no
     * windows, logged, so that a schedule never stops on it.
     *
     * @param owner whose windows, for the log ("workspace 3", "job 17")
     */
    public static BlackoutWindows saved(String text, String owner) {
        try {
            return parse(text, "blackoutWindows");
        } catch (InvalidInputException e) {
            log.warn("Blackout windows of {} unreadable, ignored: {}", owner, e.getMessage());
            return NONE;
        }
    }

    /**
     * Parses the lines (blank lines and {@code #} comments ignored).
     *
     * @param field the input field a problem is reported against
     * @throws InvalidInputException naming the line that cannot be read
     */
    public static BlackoutWindows parse(String text, String field) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        if (text.length() > MAX_LENGTH) {
            throw InvalidInputException.of(field, "At most " + MAX_LENGTH + " characters");
        }
        List<Window> windows = new ArrayList<>();
        StringBuilder normal = new StringBuilder();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw InvalidInputException.of(
                        field,
                        "Line " + (i + 1) + " (\"" + line + "\"): write days and hours, e.g. Mon-Fri 09:00-17:00");
            }
            Set<DayOfWeek> days = days(m.group(1), field, i + 1);
            int start = minute(m.group(2), m.group(3), false, field, i + 1);
            int end = minute(m.group(4), m.group(5), true, field, i + 1);
            int length = end > start ? end - start : end + DAY_MINUTES - start;
            windows.add(new Window(days, start, length));
            normal.append(line).append('\n');
        }
        return new BlackoutWindows(List.copyOf(windows), normal.toString().strip());
    }

    /** These windows and {@code other}'s together (a workspace's and a job's). */
    public BlackoutWindows and(BlackoutWindows other) {
        List<Window> both = new ArrayList<>(windows);
        both.addAll(other.windows);
        return new BlackoutWindows(List.copyOf(both), (text + "\n" + other.text).strip());
    }

    public boolean isEmpty() {
        return windows.isEmpty();
    }

    /** The lines as written (comments and blank lines dropped). */
    public String text() {
        return text;
    }

    /** When the window {@code at} falls in ends (overlapping or back-to-back windows as one); empty when outside all. */
    public Optional<Instant> endOfWindowAt(Instant at, ZoneId zone) {
        Instant end = null;
        Instant cursor = at;
        // Bounded: windows that cover the whole week would otherwise never end.
        for (int hop = 0; hop < 8 * windows.size() + 1; hop++) {
            Optional<Instant> next = endOfOneWindowAt(cursor, zone);
            if (next.isEmpty()) {
                return Optional.ofNullable(end);
            }
            end = next.get();
            cursor = end;
        }
        return Optional.ofNullable(end); // covered all week: the last end found, so a due time still moves once
    }

    /** Whether {@code at} falls in a window. */
    public boolean covers(Instant at, ZoneId zone) {
        return endOfOneWindowAt(at, zone).isPresent();
    }

    /** The latest end among the windows containing {@code at}. */
    private Optional<Instant> endOfOneWindowAt(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        Instant latest = null;
        for (Window w : windows) {
            // A window that started today or yesterday (at most a day long) may contain the instant.
            for (LocalDate day :
                    List.of(local.toLocalDate(), local.toLocalDate().minusDays(1))) {
                if (!w.days().contains(day.getDayOfWeek())) {
                    continue;
                }
                ZonedDateTime start = wallClock(day, w.startMinute(), zone);
                ZonedDateTime end = wallClock(day, w.startMinute() + w.lengthMinutes(), zone);
                if (!at.isBefore(start.toInstant()) && at.isBefore(end.toInstant())) {
                    latest = latest == null || end.toInstant().isAfter(latest) ? end.toInstant() : latest;
                }
            }
        }
        return Optional.ofNullable(latest);
    }

    /** The wall-clock minute {@code minutes} after the start of {@code day} (a day later past midnight). */
    private static ZonedDateTime wallClock(LocalDate day, int minutes, ZoneId zone) {
        LocalDate date = day.plusDays(minutes / DAY_MINUTES);
        int minute = minutes % DAY_MINUTES;
        return ZonedDateTime.of(date, LocalTime.of(minute / 60, minute % 60), zone);
    }

    private static Set<DayOfWeek> days(String spec, String field, int line) {
        String s = spec.toLowerCase(Locale.ROOT);
        if (s.equals("daily") || s.equals("every-day")) {
            return EnumSet.allOf(DayOfWeek.class);
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : s.split(",")) {
            String[] range = part.split("-", -1);
            if (range.length > 2 || part.isEmpty()) {
                throw InvalidInputException.of(field, "Line " + line + ": days like Mon-Fri or Sat,Sun or daily");
            }
            DayOfWeek from = day(range[0], field, line);
            DayOfWeek to = range.length == 2 ? day(range[1], field, line) : from;
            for (DayOfWeek d = from; ; d = d.plus(1)) {
                days.add(d);
                if (d == to) {
                    break;
                }
            }
        }
        return days;
    }

    private static DayOfWeek day(String name, String field, int line) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (name.length() >= 3 && d.name().toLowerCase(Locale.ROOT).startsWith(name)) {
                return d;
            }
        }
        throw InvalidInputException.of(
                field, "Line " + line + ": \"" + name + "\" is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun)");
    }

    private static int minute(String hour, String minute, boolean end, String field, int line) {
        int h = Integer.parseInt(hour);
        int m = Integer.parseInt(minute);
        if (end && h == 24 && m == 0) {
            return DAY_MINUTES;
        }
        if (h > 23 || m > 59) {
            throw InvalidInputException.of(
                    field,
                    "Line " + line + ": " + hour + ":" + minute + " is not a time of day (00:00 to 23:59"
                            + (end ? ", or 24:00" : "") + ")");
        }
        return h * 60 + m;
    }

    @Override
    public String toString() {
        return text;
    }
}

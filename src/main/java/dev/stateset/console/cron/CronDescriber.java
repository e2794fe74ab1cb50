package dev.stateset.console.cron;

import com.cronutils.model.Cron;
import com.cronutils.model.field.CronFieldName;
import com.cronutils.model.field.expression.Always;
import com.cronutils.model.field.expression.And;
import com.cronutils.model.field.expression.Between;
import com.cronutils.model.field.expression.Every;
import com.cronutils.model.field.expression.FieldExpression;
import com.cronutils.model.field.expression.On;
import com.cronutils.model.field.value.FieldValue;
import java.time.DayOfWeek;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Plain-language descriptions ("At 09:00, Monday through Friday") from cron-utils' parsed fields. cron-utils has a
 * describer too, but it words some steps wrongly (it reads {@code 1-7/2} in day-of-week as "every Tuesday"), and a
 * description the user cannot trust is worse than none.
 */
final class CronDescriber {

    private static final List<String> NAMES = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
    private static final List<String> MONTH_NAMES =
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");

    private CronDescriber() {}

    /** One piece of a field: every value, one value, a range, or a range with a step. */
    record Segment(Kind kind, int from, int to, int step) {
        enum Kind {
            ALL,
            VALUE,
            RANGE,
            STEP
        }
    }

    static String describe(CronSchedule schedule) {
        Cron cron = schedule.cron();
        List<Segment> minute = segments(cron, CronFieldName.MINUTE, CronPart.MINUTE);
        List<Segment> hour = segments(cron, CronFieldName.HOUR, CronPart.HOUR);
        List<Segment> day = segments(cron, CronFieldName.DAY_OF_MONTH, CronPart.DAY);
        List<Segment> month = segments(cron, CronFieldName.MONTH, CronPart.MONTH);
        List<Segment> week = segments(cron, CronFieldName.DAY_OF_WEEK, CronPart.WEEK);
        List<String> parts = new ArrayList<>();
        parts.add(time(minute, hour));
        parts.add(days(day, week));
        if (!isAll(month)) {
            parts.add("in "
                    + join(values(month, CronPart.MONTH).stream()
                            .map(CronDescriber::monthName)
                            .toList()));
        }
        return String.join(", ", parts);
    }

    private static String time(List<Segment> minute, List<Segment> hour) {
        if (onlyValues(minute) && onlyValues(hour)) {
            List<String> times = new ArrayList<>();
            for (int h : values(hour, CronPart.HOUR)) {
                for (int m : values(minute, CronPart.MINUTE)) {
                    times.add(String.format("%02d:%02d", h, m));
                }
            }
            if (times.size() <= 8) {
                return "At " + join(times);
            }
        }
        String minutes = minutePhrase(minute);
        if (isAll(hour)) {
            return onlyValues(minute) ? minutes + " of every hour" : minutes;
        }
        return minutes + ", " + hourPhrase(hour);
    }

    private static String minutePhrase(List<Segment> minute) {
        if (isAll(minute)) {
            return "Every minute";
        }
        if (minute.size() == 1) {
            Segment s = minute.get(0);
            switch (s.kind()) {
                case STEP -> {
                    String every = "Every " + s.step() + " minutes";
                    if (s.from() == 0 && s.to() == 59) {
                        return every;
                    }
                    return s.to() == 59
                            ? every + " starting at minute " + s.from()
                            : every + " from minute " + s.from() + " through " + s.to();
                }
                case RANGE -> {
                    return "Every minute from minute " + s.from() + " through " + s.to();
                }
                default -> {}
            }
        }
        List<Integer> values = values(minute, CronPart.MINUTE);
        return (values.size() == 1 ? "At minute " : "At minutes ")
                + join(values.stream().map(String::valueOf).toList());
    }

    private static String hourPhrase(List<Segment> hour) {
        if (hour.size() == 1) {
            Segment s = hour.get(0);
            switch (s.kind()) {
                case VALUE -> {
                    return String.format("between %02d:00 and %02d:59", s.from(), s.from());
                }
                case RANGE -> {
                    return String.format("from %02d:00 through %02d:59", s.from(), s.to());
                }
                case STEP -> {
                    String every = "every " + s.step() + " hours";
                    return s.from() == 0 && s.to() == 23
                            ? every
                            : every + String.format(" from %02d:00 through %02d:59", s.from(), s.to());
                }
                default -> {}
            }
        }
        return "during the hours "
                + join(values(hour, CronPart.HOUR).stream()
                        .map(h -> String.format("%02d:00", h))
                        .toList());
    }

    private static String days(List<Segment> day, List<Segment> week) {
        boolean dayRestricted = !isAll(day);
        boolean weekRestricted = !isAll(week);
        if (!dayRestricted && !weekRestricted) {
            return "every day";
        }
        if (dayRestricted && weekRestricted) {
            return dayOfMonth(day) + " or " + weekdays(week);
        }
        return dayRestricted ? dayOfMonth(day) : weekdays(week);
    }

    private static String dayOfMonth(List<Segment> day) {
        if (day.size() == 1 && day.get(0).kind() == Segment.Kind.RANGE) {
            return "on days " + day.get(0).from() + " through " + day.get(0).to() + " of the month";
        }
        List<Integer> values = values(day, CronPart.DAY);
        return (values.size() == 1 ? "on day " : "on days ")
                + join(values.stream().map(String::valueOf).toList()) + " of the month";
    }

    private static String weekdays(List<Segment> week) {
        if (week.size() == 1 && week.get(0).kind() == Segment.Kind.RANGE) {
            return dayName(week.get(0).from()) + " through "
                    + dayName(week.get(0).to());
        }
        return "on "
                + join(values(week, CronPart.WEEK).stream()
                        .map(CronDescriber::dayName)
                        .toList());
    }

    private static boolean isAll(List<Segment> segments) {
        return segments.stream().anyMatch(s -> s.kind() == Segment.Kind.ALL);
    }

    private static boolean onlyValues(List<Segment> segments) {
        return segments.stream().allMatch(s -> s.kind() == Segment.Kind.VALUE);
    }

    /** The values a field matches, ascending. */
    static List<Integer> values(List<Segment> segments, CronPart part) {
        TreeSet<Integer> values = new TreeSet<>();
        for (Segment s : segments) {
            switch (s.kind()) {
                case ALL -> {
                    for (int v = part.min(); v <= part.max(); v++) values.add(v);
                }
                case VALUE -> values.add(s.from());
                case RANGE -> {
                    for (int v = s.from(); v <= s.to(); v++) values.add(v);
                }
                case STEP -> {
                    for (int v = s.from(); v <= s.to(); v += s.step()) values.add(v);
                }
            }
        }
        return List.copyOf(values);
    }

    static List<Segment> segments(Cron cron, CronFieldName name, CronPart part) {
        List<Segment> segments = new ArrayList<>();
        collect(cron.retrieve(name).getExpression(), part, segments);
        return segments;
    }

    private static void collect(FieldExpression expression, CronPart part, List<Segment> out) {
        if (expression instanceof Always) {
            out.add(new Segment(Segment.Kind.ALL, part.min(), part.max(), 1));
        } else if (expression instanceof On on) {
            int v = on.getTime().getValue();
            out.add(new Segment(Segment.Kind.VALUE, v, v, 1));
        } else if (expression instanceof Between between) {
            out.add(new Segment(Segment.Kind.RANGE, value(between.getFrom(), part), value(between.getTo(), part), 1));
        } else if (expression instanceof Every every) {
            int step = every.getPeriod().getValue();
            FieldExpression base = every.getExpression();
            if (base instanceof Between between) {
                out.add(new Segment(
                        Segment.Kind.STEP, value(between.getFrom(), part), value(between.getTo(), part), step));
            } else if (base instanceof On on) {
                out.add(new Segment(Segment.Kind.STEP, on.getTime().getValue(), part.max(), step));
            } else {
                out.add(new Segment(Segment.Kind.STEP, part.min(), part.max(), step));
            }
        } else if (expression instanceof And and) {
            and.getExpressions().forEach(e -> collect(e, part, out));
        } else {
            out.add(new Segment(Segment.Kind.ALL, part.min(), part.max(), 1));
        }
    }

    private static int value(FieldValue<?> value, CronPart part) {
        Object raw = value.getValue();
        if (raw instanceof Integer i) {
            return i;
        }
        String name = String.valueOf(raw).toUpperCase(Locale.ROOT);
        int index = (part == CronPart.WEEK ? NAMES : MONTH_NAMES).indexOf(name);
        return index < 0 ? Integer.parseInt(name) : index + 1;
    }

    private static String dayName(int isoDay) {
        return DayOfWeek.of(isoDay).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }

    private static String monthName(int month) {
        return Month.of(month).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }

    static String join(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}

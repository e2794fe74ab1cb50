package dev.stateset.console.cron;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The console's 5-field cron dialect ({@code minute hour day-of-month month day-of-week}) on a cron-utils
 * {@link CronDefinition}: minute 0–59, hour 0–23, day 1–31, month 1–12 or JAN–DEC, week 1–7 or MON–SUN with
 * 1 = Monday and 7 = Sunday; {@code * , - /} in every field; no {@code ? L W #}, seconds or year. When both day
 * fields are restricted a day matches if either matches (cron-utils' default for this definition).
 *
 * <p>cron-utils parses and computes; this class adds what it lacks: messages that name the offending field, and
 * refusing expressions that never trigger (e.g. 30 February).
 */
public final class CronDialect {

    static final CronDefinition DEFINITION = CronDefinitionBuilder.defineCron()
            .withMinutes()
            .withValidRange(0, 59)
            .withStrictRange()
            .and()
            .withHours()
            .withValidRange(0, 23)
            .withStrictRange()
            .and()
            .withDayOfMonth()
            .withValidRange(1, 31)
            .withStrictRange()
            .and()
            .withMonth()
            .withValidRange(1, 12)
            .withStrictRange()
            .and()
            .withDayOfWeek()
            .withValidRange(1, 7)
            .withMondayDoWValue(1)
            .withStrictRange()
            .and()
            .instance();

    private static final CronParser PARSER = new CronParser(DEFINITION);
    private static final Pattern NAMES =
            Pattern.compile("MON|TUE|WED|THU|FRI|SAT|SUN|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC");
    /** The longest expression accepted (and stored: the policy column holds 200). */
    public static final int MAX_LENGTH = 200;

    private static final Instant NEVER_CHECK_FROM = Instant.parse("2000-01-01T00:00:00Z");

    private CronDialect() {}

    /**
     * Parses an expression of the dialect.
     *
     * @throws InvalidCronException naming the offending field and why
     */
    public static CronSchedule parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new InvalidCronException(
                    InvalidCronException.WHOLE_EXPRESSION,
                    "Enter a cron expression: minute hour day-of-month month day-of-week, e.g. 0 2 * * *");
        }
        if (expression.length() > MAX_LENGTH) {
            throw new InvalidCronException(
                    InvalidCronException.WHOLE_EXPRESSION,
                    "At most " + MAX_LENGTH + " characters; this expression has " + expression.length());
        }
        // Only ASCII: Java's digit parsing also reads Arabic-Indic and other digits, which no other cron tool would.
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (c > 0x7e || (c < 0x20 && c != '\t')) {
                throw new InvalidCronException(
                        InvalidCronException.WHOLE_EXPRESSION,
                        String.format(
                                "Contains the character U+%04X at position %d: use digits 0-9, letters, and * , - / only",
                                (int) c, i + 1));
            }
        }
        String[] fields = expression.strip().split("\\s+");
        if (fields.length != 5) {
            throw new InvalidCronException(
                    InvalidCronException.WHOLE_EXPRESSION,
                    "Exactly five fields are needed (minute hour "
                            + "day-of-month month day-of-week); found " + fields.length
                            + (fields.length > 5 ? ". Seconds and year fields are not supported" : ""));
        }
        CronPart[] parts = CronPart.values();
        for (int i = 0; i < fields.length; i++) {
            checkCharacters(parts[i], fields[i]);
        }
        String normalized = String.join(" ", fields);
        Cron cron;
        try {
            cron = PARSER.parse(normalized);
            cron.validate();
        } catch (IllegalArgumentException e) {
            // Only now parse field by field, to name the one at fault: a valid expression pays for one parse.
            for (int i = 0; i < fields.length; i++) {
                checkField(parts[i], fields[i]);
            }
            throw new InvalidCronException(InvalidCronException.WHOLE_EXPRESSION, clean(e.getMessage()));
        }
        CronSchedule schedule = new CronSchedule(normalized, cron);
        if (schedule.nextDueAfter(NEVER_CHECK_FROM, ZoneOffset.UTC).isEmpty()) {
            throw new InvalidCronException(
                    CronPart.DAY.key(),
                    "This expression never triggers: the day of month " + fields[2] + " does not occur in month "
                            + fields[3]);
        }
        return schedule;
    }

    /** Refuses the special characters of other cron dialects, naming the field. */
    private static void checkCharacters(CronPart part, String text) {
        // Day and month names contain L and W (JUL, WED): look for the special characters outside of names.
        String withoutNames = NAMES.matcher(text.toUpperCase(Locale.ROOT)).replaceAll("");
        for (String unsupported : new String[] {"?", "L", "W", "#"}) {
            if (withoutNames.contains(unsupported)) {
                throw new InvalidCronException(
                        part.key(),
                        part.label() + ": '" + unsupported + "' is not supported"
                                + (unsupported.equals("?") ? "; use '*' for any value" : " in this dialect"));
            }
        }
    }

    /** Checks one field on its own, with every other field '*', so a refusal names the field it belongs to. */
    private static void checkField(CronPart part, String text) {
        String[] probe = {"*", "*", "*", "*", "*"};
        probe[part.ordinal()] = text;
        try {
            PARSER.parse(String.join(" ", probe)).validate();
        } catch (IllegalArgumentException e) {
            String message = clean(e.getMessage());
            if (part == CronPart.WEEK && text.matches(".*(^|[^0-9])0([^0-9]|$).*")) {
                message += " (1 = Monday … 7 = Sunday; 0 is not a day)";
            }
            throw new InvalidCronException(part.key(), part.label() + ": " + message);
        }
    }

    private static final java.util.regex.Pattern PERIOD =
            java.util.regex.Pattern.compile("Period (\\d+) not in range \\[(\\d+), (\\d+)\\]");
    private static final java.util.regex.Pattern VALUE =
            java.util.regex.Pattern.compile("Value (\\d+) not in range \\[(\\d+), (\\d+)\\]");
    private static final java.util.regex.Pattern RANGE =
            java.util.regex.Pattern.compile("Invalid range! \\[(\\d+),\\s*(\\d+)\\]");

    /** cron-utils' messages ("Period 0 not in range [0, 59]", "Invalid range! [5,1]") in plain words. */
    private static String clean(String message) {
        if (message == null) {
            return "invalid value";
        }
        java.util.regex.Matcher period = PERIOD.matcher(message);
        if (period.find()) {
            int step = Integer.parseInt(period.group(1));
            return step == 0
                    ? "a step of 0 never moves on; use */1 or more"
                    : "a step of " + step + " is longer than the field (at most " + period.group(3) + ")";
        }
        java.util.regex.Matcher value = VALUE.matcher(message);
        if (value.find()) {
            return value.group(1) + " is out of range: use " + value.group(2) + " to " + value.group(3);
        }
        java.util.regex.Matcher range = RANGE.matcher(message);
        if (range.find()) {
            return "the range " + range.group(1) + "-" + range.group(2) + " runs backwards; write it from low to high ("
                    + range.group(2) + "-" + range.group(1) + "), or as two parts";
        }
        return message.replace("Failed to parse cron expression. ", "")
                .replace("Invalid chars in expression! Expression: ", "invalid characters in '")
                .replaceAll(" Invalid chars: .*$", "'");
    }
}

package dev.stateset.console.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The dialect, table by table. Expected times were worked out by hand from a calendar (2026-11-29 is a Sunday;
 * 1 March 2027 a Monday), not copied from the implementation.
 */
class CronDialectTest {

    static final Instant SUNDAY_MIDNIGHT = Instant.parse("2026-11-29T00:00:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            15 10 * * *       | 2026-11-29T10:15Z 2026-11-30T10:15Z 2026-12-01T10:15Z 2026-12-02T10:15Z 2026-12-03T10:15Z
            0 12 * * *        | 2026-11-29T12:00Z 2026-11-30T12:00Z 2026-12-01T12:00Z 2026-12-02T12:00Z 2026-12-03T12:00Z
            0 10,14,16 * * *  | 2026-11-29T10:00Z 2026-11-29T14:00Z 2026-11-29T16:00Z 2026-11-30T10:00Z 2026-11-30T14:00Z
            0/30 9-17 * * *   | 2026-11-29T09:00Z 2026-11-29T09:30Z 2026-11-29T10:00Z 2026-11-29T10:30Z 2026-11-29T11:00Z
            * 14 * * *        | 2026-11-29T14:00Z 2026-11-29T14:10Z 2026-11-29T14:20Z 2026-11-29T14:30Z 2026-11-29T14:40Z
            0-5 14 * * *      | 2026-11-29T14:00Z 2026-11-30T14:00Z 2026-12-01T14:00Z 2026-12-02T14:00Z 2026-12-03T14:00Z
            0/5 14 * * *      | 2026-11-29T14:00Z 2026-11-29T14:10Z 2026-11-29T14:20Z 2026-11-29T14:30Z 2026-11-29T14:40Z
            0/5 14,18 * * *   | 2026-11-29T14:00Z 2026-11-29T14:10Z 2026-11-29T14:20Z 2026-11-29T14:30Z 2026-11-29T14:40Z
            0 12 * * WED      | 2026-12-02T12:00Z 2026-12-09T12:00Z 2026-12-16T12:00Z 2026-12-23T12:00Z 2026-12-30T12:00Z
            15 10 15 * *      | 2026-12-15T10:15Z 2027-01-15T10:15Z 2027-02-15T10:15Z 2027-03-15T10:15Z 2027-04-15T10:15Z
            10,44 14 * 3 WED  | 2027-03-03T14:10Z 2027-03-03T14:44Z 2027-03-10T14:10Z 2027-03-10T14:44Z 2027-03-17T14:10Z
            0 12 1 * 5        | 2026-12-01T12:00Z 2026-12-04T12:00Z 2026-12-11T12:00Z 2026-12-18T12:00Z 2026-12-25T12:00Z
            """)
    void seed_examples_trigger_at_their_documented_times(String expression, String expected) {
        CronPreview preview = CronDialect.parse(expression).preview(SUNDAY_MIDNIGHT, ZoneOffset.UTC, 5);
        assertThat(preview.next()).as(expression).containsExactlyElementsOf(instants(expected));
    }

    @Test
    void the_ten_minute_floor_thins_due_times_and_says_so() {
        CronPreview everyMinute = CronDialect.parse("* 14 * * *").preview(SUNDAY_MIDNIGHT, ZoneOffset.UTC, 7);
        assertThat(everyMinute.next())
                .containsExactlyElementsOf(
                        instants(
                                "2026-11-29T14:00Z 2026-11-29T14:10Z 2026-11-29T14:20Z 2026-11-29T14:30Z 2026-11-29T14:40Z 2026-11-29T14:50Z 2026-11-30T14:00Z"));
        assertThat(everyMinute.minimumIntervalApplied()).isTrue();
        // Every 7 minutes: 00:07, then the first due time ≥ 00:17 is 00:21, then ≥ 00:31 is 00:35 …
        assertThat(CronDialect.parse("*/7 * * * *")
                        .preview(SUNDAY_MIDNIGHT, ZoneOffset.UTC, 5)
                        .next())
                .containsExactlyElementsOf(instants(
                        "2026-11-29T00:07Z 2026-11-29T00:21Z 2026-11-29T00:35Z 2026-11-29T00:49Z 2026-11-29T01:00Z"));
        assertThat(CronDialect.parse("0/5 14,18 * * *")
                        .preview(SUNDAY_MIDNIGHT, ZoneOffset.UTC, 8)
                        .next()
                        .subList(5, 8))
                .containsExactlyElementsOf(instants("2026-11-29T14:50Z 2026-11-29T18:00Z 2026-11-29T18:10Z"));
        assertThat(CronDialect.parse("0 12 * * *")
                        .preview(SUNDAY_MIDNIGHT, ZoneOffset.UTC, 5)
                        .minimumIntervalApplied())
                .isFalse();
        assertThat(CronDialect.parse("*/10 * * * *")
                        .preview(SUNDAY_MIDNIGHT, ZoneOffset.UTC, 5)
                        .minimumIntervalApplied())
                .isFalse();
    }

    @Test
    void the_scheduler_floor_counts_from_the_last_real_trigger() {
        CronSchedule everyMinute = CronDialect.parse("* * * * *");
        Instant lastTrigger = Instant.parse("2026-11-29T10:03:00Z");
        assertThat(everyMinute.nextTrigger(Instant.parse("2026-11-29T10:05:00Z"), ZoneOffset.UTC, lastTrigger))
                .contains(Instant.parse("2026-11-29T10:13:00Z"));
        assertThat(everyMinute.nextTrigger(Instant.parse("2026-11-29T10:05:00Z"), ZoneOffset.UTC, null))
                .contains(Instant.parse("2026-11-29T10:06:00Z"));
    }

    @Test
    void day_rules_either_day_field_when_both_restricted_else_both() {
        // Both restricted: the 1st OR Friday (see seed table). Only day-of-week restricted: Fridays only.
        assertThat(CronDialect.parse("0 12 * * FRI")
                        .preview(SUNDAY_MIDNIGHT, ZoneOffset.UTC, 2)
                        .next())
                .containsExactlyElementsOf(instants("2026-12-04T12:00Z 2026-12-11T12:00Z"));
        // A step counts as restricted: day 1/10 (1, 11, 21, 31) OR Monday.
        assertThat(CronDialect.parse("0 0 1/10 * MON")
                        .preview(SUNDAY_MIDNIGHT, ZoneOffset.UTC, 4)
                        .next())
                .containsExactlyElementsOf(
                        instants("2026-11-30T00:00Z 2026-12-01T00:00Z 2026-12-07T00:00Z 2026-12-11T00:00Z"));
    }

    @Test
    void weekday_1_is_monday_and_7_is_sunday_and_names_ignore_case() {
        assertThat(first("0 9 * * 1")).isEqualTo(Instant.parse("2026-11-30T09:00:00Z"));
        assertThat(first("0 9 * * 7")).isEqualTo(Instant.parse("2026-11-29T09:00:00Z"));
        assertThat(first("0 9 * * sun")).isEqualTo(Instant.parse("2026-11-29T09:00:00Z"));
        assertThat(first("0 9 * jan mon")).isEqualTo(Instant.parse("2027-01-04T09:00:00Z"));
        assertThat(first("0 9 * * MON-FRI")).isEqualTo(Instant.parse("2026-11-30T09:00:00Z"));
    }

    @Test
    void increments_start_at_their_first_value() {
        assertThat(CronDialect.parse("3/20 * * * *")
                        .preview(SUNDAY_MIDNIGHT, ZoneOffset.UTC, 3)
                        .next())
                .containsExactlyElementsOf(instants("2026-11-29T00:03Z 2026-11-29T00:23Z 2026-11-29T00:43Z"));
        assertThat(CronDialect.parse("0 1-9/4 * * *")
                        .preview(SUNDAY_MIDNIGHT, ZoneOffset.UTC, 3)
                        .next())
                .containsExactlyElementsOf(instants("2026-11-29T01:00Z 2026-11-29T05:00Z 2026-11-29T09:00Z"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                  | expression | Enter a cron expression
            0 12 * *            | expression | Exactly five fields
            0 0 12 * * *        | expression | Seconds and year fields are not supported
            0 0 12 * * * 2027   | expression | found 7
            0 12 ? * *          | day        | '?' is not supported; use '*'
            0 12 * * ?          | week       | '?' is not supported; use '*'
            0 12 L * *          | day        | 'L' is not supported
            0 12 15W * *        | day        | 'W' is not supported
            0 12 * * 5#2        | week       | '#' is not supported
            60 * * * *          | minute     | Minute: 60 is out of range: use 0 to 59
            0 24 * * *          | hour       | Hour: 24 is out of range: use 0 to 23
            0 0 0 * *           | day        | Day of month: 0 is out of range: use 1 to 31
            0 0 * 13 *          | month      | Month: 13 is out of range: use 1 to 12
            0 0 * * 0           | week       | 0 is not a day
            0 0 * * 8           | week       | 8 is out of range: use 1 to 7
            5-2 * * * *         | minute     | the range 5-2 runs backwards; write it from low to high (2-5)
            */0 * * * *         | minute     | a step of 0 never moves on
            */70 * * * *        | minute     | a step of 70 is longer than the field
            abc * * * *         | minute     | invalid characters
            0 0 * * MONDAY      | week       | invalid characters
            0 12 30 2 *         | day        | never triggers
            """)
    void invalid_expressions_name_the_offending_field(String expression, String field, String message) {
        InvalidCronException e = catchThrowableOfType(() -> CronDialect.parse(expression), InvalidCronException.class);
        assertThat(e).as("refused: %s", expression).isNotNull();
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).contains(message);
    }

    @Test
    void names_that_contain_special_letters_are_still_names() {
        assertThat(first("0 9 * JUL WED")).isEqualTo(Instant.parse("2027-07-07T09:00:00Z"));
    }

    @Test
    void daylight_saving_gap_fires_at_its_end_and_overlap_fires_once() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        CronSchedule daily0230 = CronDialect.parse("30 2 * * *");
        // 29 March 2026: clocks jump 02:00 → 03:00 CEST; 02:30 does not exist, so it fires at 03:00 CEST (01:00Z).
        assertThat(daily0230
                        .preview(Instant.parse("2026-03-28T12:00:00Z"), berlin, 3)
                        .next())
                .containsExactlyElementsOf(instants("2026-03-29T01:00Z 2026-03-30T00:30Z 2026-03-31T00:30Z"));
        // 25 October 2026: 03:00 CEST → 02:00 CET; 02:30 happens twice and fires once, at the first (00:30Z).
        assertThat(daily0230
                        .preview(Instant.parse("2026-10-24T12:00:00Z"), berlin, 3)
                        .next())
                .containsExactlyElementsOf(instants("2026-10-25T00:30Z 2026-10-26T01:30Z 2026-10-27T01:30Z"));
        // Wall-clock time is kept across the change: 09:00 New York is 14:00Z in winter, 13:00Z in summer.
        assertThat(CronDialect.parse("0 9 * * *")
                        .preview(Instant.parse("2026-03-07T00:00:00Z"), ZoneId.of("America/New_York"), 2)
                        .next())
                .containsExactlyElementsOf(instants("2026-03-07T14:00Z 2026-03-08T13:00Z"));
        // Every 10 minutes across the gap: 01:50 CET, then 03:00 CEST (the gap's end), then 03:10 — no repeats.
        assertThat(CronDialect.parse("*/10 * * * *")
                        .preview(Instant.parse("2026-03-29T00:45:00Z"), berlin, 3)
                        .next())
                .containsExactlyElementsOf(instants("2026-03-29T00:50Z 2026-03-29T01:00Z 2026-03-29T01:10Z"));
    }

    /** What cron-utils alone does, and the console therefore adds; if one of these starts failing, revisit the wrapper. */
    @Test
    void what_cron_utils_needs_help_with() {
        var raw = com.cronutils.model.time.ExecutionTime.forCron(
                CronDialect.parse("30 2 * * *").cron());
        // 1. It skips a wall-clock time that falls into a daylight-saving gap: no run at all on 29 March.
        var next = raw.nextExecution(java.time.ZonedDateTime.parse("2026-03-28T12:00+01:00[Europe/Berlin]"))
                .orElseThrow();
        assertThat(next.toLocalDate()).isEqualTo(java.time.LocalDate.of(2026, 3, 30));
        // 2. Its describer words day-of-week steps wrongly (1-7/2 is Mon, Wed, Fri, Sun, not "every Tuesday").
        String libraryText = com.cronutils.descriptor.CronDescriptor.instance(java.util.Locale.UK)
                .describe(CronDialect.parse("0 12 * * 1-7/2").cron());
        assertThat(libraryText).contains("Tuesday");
        assertThat(describe("0 12 * * 1-7/2")).isEqualTo("At 12:00, on Monday, Wednesday, Friday and Sunday");
        // 3. Its parse errors do not say which field is wrong; CronDialect checks each field on its own.
        // 4. It has no minimum interval; CronSchedule applies the 10-minute floor.
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            15 10 * * *       | At 10:15, every day
            0 10,14,16 * * *  | At 10:00, 14:00 and 16:00, every day
            0/30 9-17 * * *   | Every 30 minutes, from 09:00 through 17:59, every day
            * 14 * * *        | Every minute, between 14:00 and 14:59, every day
            0-5 14 * * *      | Every minute from minute 0 through 5, between 14:00 and 14:59, every day
            0 9 * * MON-FRI   | At 09:00, Monday through Friday
            0 12 * * WED      | At 12:00, on Wednesday
            15 10 15 * *      | At 10:15, on day 15 of the month
            10,44 14 * 3 WED  | At 14:10 and 14:44, on Wednesday, in March
            0 12 1 * 5        | At 12:00, on day 1 of the month or on Friday
            0 * * * *         | At minute 0 of every hour, every day
            */15 * * * *      | Every 15 minutes, every day
            0 0 1 1-3 *       | At 00:00, on day 1 of the month, in January, February and March
            """)
    void descriptions_read_as_plain_language(String expression, String description) {
        assertThat(describe(expression)).isEqualTo(description);
    }

    private static String describe(String expression) {
        return CronDialect.parse(expression)
                .preview(SUNDAY_MIDNIGHT, ZoneOffset.UTC, 1)
                .description();
    }

    private static Instant first(String expression) {
        return CronDialect.parse(expression)
                .preview(SUNDAY_MIDNIGHT, ZoneOffset.UTC, 1)
                .next()
                .get(0);
    }

    private static List<Instant> instants(String text) {
        return Arrays.stream(text.trim().split("\\s+"))
                .map(t -> Instant.parse(t.replace("Z", ":00Z")))
                .toList();
    }
}

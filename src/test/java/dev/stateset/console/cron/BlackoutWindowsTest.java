package dev.stateset.console.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stateset.console.base.InvalidInputException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Weekly blackout windows as teams write them, read in the workspace's zone. */
class BlackoutWindowsTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void a_weekday_window_covers_its_hours_and_ends_at_its_end() {
        BlackoutWindows w = BlackoutWindows.parse("Mon-Fri 09:00-17:00", "f");
        // 2026-12-02 is a Wednesday.
        assertThat(w.endOfWindowAt(at("2026-12-02T10:30"), BERLIN)).contains(at("2026-12-02T17:00"));
        assertThat(w.covers(at("2026-12-02T08:59"), BERLIN)).isFalse();
        assertThat(w.covers(at("2026-12-02T17:00"), BERLIN))
                .as("the end is outside")
                .isFalse();
        assertThat(w.covers(at("2026-12-05T10:00"), BERLIN)).as("Saturday").isFalse();
    }

    @Test
    void a_window_ending_at_or_before_its_start_runs_into_the_next_day() {
        BlackoutWindows w = BlackoutWindows.parse("Fri 22:00-02:00", "f");
        // 2026-12-05 is a Saturday: Friday's window still runs at 01:00.
        assertThat(w.endOfWindowAt(at("2026-12-05T01:00"), BERLIN)).contains(at("2026-12-05T02:00"));
        assertThat(w.covers(at("2026-12-04T23:00"), BERLIN)).isTrue();
        assertThat(w.covers(at("2026-12-05T23:00"), BERLIN))
                .as("Saturday night is not Friday's")
                .isFalse();
    }

    @Test
    void overlapping_and_back_to_back_windows_end_as_one() {
        BlackoutWindows w = BlackoutWindows.parse(
                "daily 12:00-13:00\n# lunch, then the afternoon peak\nMon-Fri 13:00-18:00\nWed 17:00-19:30", "f");
        assertThat(w.endOfWindowAt(at("2026-12-02T12:15"), BERLIN)).contains(at("2026-12-02T19:30"));
        assertThat(w.endOfWindowAt(at("2026-12-05T12:15"), BERLIN))
                .as("Saturday: lunch only")
                .contains(at("2026-12-05T13:00"));
        assertThat(w.text()).isEqualTo("daily 12:00-13:00\nMon-Fri 13:00-18:00\nWed 17:00-19:30");
    }

    @Test
    void a_whole_day_and_the_whole_week() {
        BlackoutWindows weekend = BlackoutWindows.parse("Sat,Sun 00:00-24:00", "f");
        assertThat(weekend.endOfWindowAt(at("2026-12-05T15:00"), BERLIN)).contains(at("2026-12-07T00:00"));
        BlackoutWindows always = BlackoutWindows.parse("daily 00:00-24:00", "f");
        assertThat(always.endOfWindowAt(at("2026-12-02T10:00"), BERLIN))
                .as("a week of windows still gives an end: the due time moves once")
                .isPresent();
    }

    @Test
    void wall_clock_hours_hold_across_daylight_saving() {
        // 2026-03-29: Berlin's clocks jump from 02:00 to 03:00.
        BlackoutWindows w = BlackoutWindows.parse("Sun 01:00-05:00", "f");
        assertThat(w.endOfWindowAt(at("2026-03-29T01:30"), BERLIN)).contains(at("2026-03-29T05:00"));
        assertThat(w.covers(at("2026-03-29T04:30"), BERLIN)).isTrue();
    }

    @Test
    void unreadable_lines_are_refused_with_the_line_named() {
        assertThatThrownBy(() -> BlackoutWindows.parse("Mon-Fri 09:00-17:00\nweekdays 9-5", "blackoutWindows"))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).fieldErrors())
                        .containsKey("blackoutWindows")
                        .hasValueSatisfying(
                                new org.assertj.core.api.Condition<>(m -> m.startsWith("Line 2"), "names line 2")));
        assertThatThrownBy(() -> BlackoutWindows.parse("Moonday 09:00-17:00", "f"))
                .hasMessageContaining("\"moonday\" is not a day");
        assertThatThrownBy(() -> BlackoutWindows.parse("Mon 25:00-26:00", "f"))
                .hasMessageContaining("is not a time of day");
        assertThatThrownBy(() -> BlackoutWindows.parse("Mon 24:00-01:00", "f"))
                .as("24:00 only ends a window")
                .hasMessageContaining("is not a time of day");
        assertThat(BlackoutWindows.parse("  \n# nothing\n", "f").isEmpty()).isTrue();
    }

    private static Instant at(String localBerlin) {
        return LocalDateTime.parse(localBerlin).atZone(BERLIN).toInstant();
    }
}

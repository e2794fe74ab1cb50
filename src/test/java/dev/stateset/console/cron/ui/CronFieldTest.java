package dev.stateset.console.cron.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.ButtonKt;
import com.github.mvysny.kaributesting.v10.ContextMenuKt;
import com.github.mvysny.kaributesting.v10.HasValueUtilsKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.server.VaadinSession;
import dev.stateset.console.base.TimeDisplay;
import dev.stateset.console.base.ui.DisplayZone;
import dev.stateset.console.cron.CronPart;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cron builder widget on its own, browserless, with a fixed clock (Sunday 29 November 2026, 00:00 UTC). */
class CronFieldTest {

    CronField field;
    final List<String> userValues = new ArrayList<>();

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
        field = new CronField("Schedule", Clock.fixed(Instant.parse("2026-11-29T00:00:00Z"), ZoneOffset.UTC));
        field.addValueChangeListener(e -> userValues.add(e.getValue()));
        UI.getCurrent().add(field);
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    @Test
    void quick_settings_fill_the_expression_and_the_preview() {
        ContextMenuKt._clickItemWithCaption(field.quickSettings, "Every weekday at 09:00");
        assertThat(field.getValue()).isEqualTo("0 9 * * MON-FRI");
        assertThat(userValues).containsExactly("0 9 * * MON-FRI");
        assertThat(field.description.getText()).isEqualTo("At 09:00, Monday through Friday");
        assertThat(runs())
                .containsExactly(
                        "Mon 2026-11-30 09:00 +00:00",
                        "Tue 2026-12-01 09:00 +00:00",
                        "Wed 2026-12-02 09:00 +00:00",
                        "Thu 2026-12-03 09:00 +00:00",
                        "Fri 2026-12-04 09:00 +00:00");
        assertThat(field.chips.get(CronPart.WEEK).getText()).isEqualTo("Day of week: MON-FRI");
    }

    @Test
    void editing_a_chip_changes_the_text() {
        field.setValue("0 2 * * *");
        ButtonKt._click(field.chips.get(CronPart.WEEK));
        CronFieldEditor editor = _get(CronFieldEditor.class);
        HasValueUtilsKt._setValue(editor.mode, CronFieldEditor.Mode.SPECIFIC);
        HasValueUtilsKt._setValue(editor.specific, Set.of(1, 3, 5));
        ButtonKt._click(editor.apply);
        assertThat(field.getValue()).isEqualTo("0 2 * * MON,WED,FRI");
        assertThat(field.description.getText()).isEqualTo("At 02:00, on Monday, Wednesday and Friday");

        ButtonKt._click(field.chips.get(CronPart.MINUTE));
        CronFieldEditor minutes = _get(CronFieldEditor.class);
        HasValueUtilsKt._setValue(minutes.mode, CronFieldEditor.Mode.STEP);
        HasValueUtilsKt._setValue(minutes.stepStart, 3);
        HasValueUtilsKt._setValue(minutes.stepEvery, 20);
        ButtonKt._click(minutes.apply);
        assertThat(field.getValue()).isEqualTo("3/20 2 * * MON,WED,FRI");
    }

    @Test
    void the_editor_reads_the_current_field_and_refuses_an_inverted_range() {
        field.setValue("0 9-17 * * *");
        ButtonKt._click(field.chips.get(CronPart.HOUR));
        CronFieldEditor editor = _get(CronFieldEditor.class);
        assertThat(editor.mode.getValue()).isEqualTo(CronFieldEditor.Mode.RANGE);
        assertThat(editor.rangeFrom.getValue()).isEqualTo(9);
        HasValueUtilsKt._setValue(editor.rangeFrom, 18);
        ButtonKt._click(editor.apply);
        assertThat(editor.isOpened()).isTrue();
        assertThat(editor.error.getText()).contains("not after the end");
        assertThat(field.getValue()).isEqualTo("0 9-17 * * *");
    }

    @Test
    void typing_a_bad_value_shows_the_error_on_its_field() {
        HasValueUtilsKt._setValue(field.expression, "0 12 ? * *");
        assertThat(field.isInvalid()).isTrue();
        assertThat(field.getErrorMessage()).contains("use '*'");
        assertThat(field.chips.get(CronPart.DAY).getThemeNames()).contains(ButtonVariant.LUMO_ERROR.getVariantName());
        assertThat(field.chips.get(CronPart.DAY).getElement().getAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(field.chips.get(CronPart.HOUR).getThemeNames())
                .doesNotContain(ButtonVariant.LUMO_ERROR.getVariantName());
        assertThat(runs()).isEmpty();

        HasValueUtilsKt._setValue(field.expression, "0 12 * * *");
        assertThat(field.isInvalid()).isFalse();
        assertThat(field.chips.get(CronPart.DAY).getThemeNames())
                .doesNotContain(ButtonVariant.LUMO_ERROR.getVariantName());
    }

    @Test
    void the_minimum_interval_notice_shows_only_when_it_applies() {
        field.setValue("* 14 * * *");
        assertThat(field.minimumNotice.isVisible()).isTrue();
        assertThat(runs())
                .containsExactly(
                        "Sun 2026-11-29 14:00 +00:00",
                        "Sun 2026-11-29 14:10 +00:00",
                        "Sun 2026-11-29 14:20 +00:00",
                        "Sun 2026-11-29 14:30 +00:00",
                        "Sun 2026-11-29 14:40 +00:00");
        field.setValue("0 14 * * *");
        assertThat(field.minimumNotice.isVisible()).isFalse();
    }

    @Test
    void next_runs_are_shown_in_the_workspace_zone() {
        field.setValue("0 9 * * *");
        field.setZone(ZoneId.of("Asia/Shanghai"));
        assertThat(runs().get(0)).isEqualTo("Sun 2026-11-29 09:00 +08:00");
    }

    @Test
    void a_user_who_reads_times_in_utc_sees_the_same_runs_on_the_utc_clock() {
        DisplayZone.choose(VaadinSession.getCurrent(), TimeDisplay.UTC);
        field.setValue("0 9 * * *");
        field.setZone(ZoneId.of("Asia/Shanghai"));
        assertThat(runs().get(0)).isEqualTo("Sun 2026-11-29 01:00 +00:00");
    }

    @Test
    void works_with_binder_validation() {
        Binder<Holder> binder = new Binder<>(Holder.class);
        binder.forField(field).withValidator(CronField.validator()).bind(Holder::getCron, Holder::setCron);
        Holder holder = new Holder();
        binder.setBean(holder);
        HasValueUtilsKt._setValue(field.expression, "0 3 * * MON");
        assertThat(holder.getCron()).isEqualTo("0 3 * * MON");
        HasValueUtilsKt._setValue(field.expression, "0 3 * * 0");
        assertThat(binder.validate().isOk()).isFalse();
        assertThat(field.getErrorMessage()).contains("0 is not a day");
        assertThat(holder.getCron())
                .as("an invalid value is not written to the bean")
                .isEqualTo("0 3 * * MON");
    }

    private List<String> runs() {
        return field.nextRuns.getChildren().map(c -> ((ListItem) c).getText()).toList();
    }

    static final class Holder {
        private String cron = "";

        String getCron() {
            return cron;
        }

        void setCron(String cron) {
            this.cron = cron;
        }
    }
}

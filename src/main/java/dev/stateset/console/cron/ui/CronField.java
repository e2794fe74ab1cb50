package dev.stateset.console.cron.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.customfield.CustomField;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.ValidationResult;
import com.vaadin.flow.data.binder.Validator;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.stateset.console.base.ui.Formats;
import dev.stateset.console.cron.CronDialect;
import dev.stateset.console.cron.CronPart;
import dev.stateset.console.cron.CronPreview;
import dev.stateset.console.cron.CronSchedule;
import dev.stateset.console.cron.InvalidCronException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cron builder: a {@code CustomField<String>} (works with {@code Binder}) whose value is a cron expression of
 * the console's dialect. Users pick a Quick Setting, edit one field at a time through its chip, or type the whole
 * expression; the field checks it as they type, marks the offending field, and shows what it will do: a
 * plain-language description, the next five runs in the workspace's time zone, and a notice when the 10-minute
 * minimum thins the schedule.
 */
public class CronField extends CustomField<String> {

    /** Quick Settings: common periods, label → expression. */
    public static final Map<String, String> QUICK_SETTINGS = quickSettings();

    final TextField expression = new TextField();
    final MenuBar quickSettings = new MenuBar();
    final Map<CronPart, Button> chips = new EnumMap<>(CronPart.class);
    final Span description = new Span();
    final Span minimumNotice = new Span();
    final UnorderedList nextRuns = new UnorderedList();
    final Span inactiveNotice =
            new Span("Scheduling is off: no snapshot is taken on this schedule until it is turned on and saved.");
    private final Clock clock;
    private ZoneId zone = ZoneId.of("UTC");
    private InvalidCronException problem;

    public CronField(String label) {
        this(label, Clock.systemUTC());
    }

    public CronField(String label, Clock clock) {
        this.clock = clock;
        setLabel(label);
        addClassName("cron-field");

        expression.setId("cron-expression");
        expression.setAriaLabel("Cron expression: minute hour day-of-month month day-of-week");
        expression.setPlaceholder("minute hour day month weekday, e.g. 0 2 * * *");
        expression.setValueChangeMode(ValueChangeMode.LAZY);
        expression.setValueChangeTimeout(250);
        expression.setWidth("18em");
        expression.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                refresh();
                updateValue();
            }
        });

        quickSettings.setId("cron-quick-settings");
        quickSettings.addThemeVariants(MenuBarVariant.LUMO_CONTRAST);
        MenuItem quick = quickSettings.addItem("Quick Settings");
        quick.add(VaadinIcon.ANGLE_DOWN.create());
        quick.getElement().setAttribute("aria-label", "Quick Settings: common schedules");
        QUICK_SETTINGS.forEach((text, cron) -> quick.getSubMenu().addItem(text, e -> setValueFromUser(cron)));

        HorizontalLayout top = new HorizontalLayout(expression, quickSettings);
        top.setAlignItems(FlexComponent.Alignment.BASELINE);

        HorizontalLayout chipRow = new HorizontalLayout();
        chipRow.addClassName("cron-chips");
        chipRow.getElement().setAttribute("role", "group");
        chipRow.getElement().setAttribute("aria-label", "Fields of the expression");
        for (CronPart part : CronPart.values()) {
            Button chip = new Button();
            chip.setId("cron-chip-" + part.key());
            chip.addClassName("cron-chip");
            chip.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_CONTRAST);
            chip.addClickListener(e -> new CronFieldEditor(part, fieldText(part), text -> setPart(part, text)).open());
            chips.put(part, chip);
            chipRow.add(chip);
        }

        description.setId("cron-description");
        description.addClassName("cron-description");
        minimumNotice.setId("cron-minimum-notice");
        minimumNotice.addClassName("cron-minimum-notice");
        minimumNotice.setText("Due times less than 10 minutes after the previous run are skipped: snapshots are taken "
                + "at most every 10 minutes.");
        nextRuns.setId("cron-next-runs");
        nextRuns.getElement().setAttribute("aria-live", "polite");
        nextRuns.getElement().setAttribute("aria-label", "Next runs");
        inactiveNotice.setId("cron-inactive-notice");
        inactiveNotice.addClassName("cron-inactive-notice");
        inactiveNotice.setVisible(false);
        Div preview = new Div(inactiveNotice, description, minimumNotice, nextRuns);
        preview.addClassName("cron-preview");
        add(top, chipRow, preview);
        setPresentationValue("");
    }

    /** The zone the next runs are computed and shown in (the workspace's). */
    public void setZone(ZoneId zone) {
        this.zone = zone;
        refresh();
    }

    /**
     * Whether the schedule is in force. While it is not (scheduled creation off) the next runs are hidden behind a
     * notice that nothing runs; the expression and its description stay for editing. Hidden rather than greyed:
     * grey text on white fails the contrast check (axe's color-contrast) that the browser tests run.
     */
    public void setScheduleActive(boolean active) {
        inactiveNotice.setVisible(!active);
        nextRuns.setVisible(active);
    }

    /** The plain-language description shown for the current expression (empty while it is invalid). */
    public String descriptionText() {
        return description.getText();
    }

    /** The refusal of the current text, or null when it is a valid expression. */
    public InvalidCronException problem() {
        return problem;
    }

    @Override
    protected String generateModelValue() {
        return expression.getValue() == null
                ? ""
                : expression.getValue().strip().replaceAll("\\s+", " ");
    }

    @Override
    protected void setPresentationValue(String value) {
        expression.setValue(value == null ? "" : value);
        refresh();
    }

    @Override
    public void setReadOnly(boolean readOnly) {
        super.setReadOnly(readOnly);
        expression.setReadOnly(readOnly);
        quickSettings.setEnabled(!readOnly);
        chips.values().forEach(c -> c.setEnabled(!readOnly));
    }

    void setValueFromUser(String cron) {
        expression.setValue(cron);
        refresh();
        updateValue();
    }

    /** A Binder validator with the dialect's message; an empty value passes (use asRequired for a mandatory one). */
    public static Validator<String> validator() {
        return (value, context) -> {
            if (value == null || value.isBlank()) {
                return ValidationResult.ok();
            }
            try {
                CronDialect.parse(value);
                return ValidationResult.ok();
            } catch (InvalidCronException e) {
                return ValidationResult.error(e.getMessage());
            }
        };
    }

    /** Replaces one field of the expression (starting from "* * * * *" where the text is not five fields). */
    void setPart(CronPart part, String text) {
        String[] fields = currentFields();
        fields[part.ordinal()] = text;
        setValueFromUser(String.join(" ", fields));
    }

    String fieldText(CronPart part) {
        return currentFields()[part.ordinal()];
    }

    private String[] currentFields() {
        String text = generateModelValue();
        String[] fields = text.isEmpty() ? new String[0] : text.split(" ");
        if (fields.length == 5) {
            return fields;
        }
        String[] filled = {"*", "*", "*", "*", "*"};
        for (int i = 0; i < Math.min(5, fields.length); i++) {
            filled[i] = fields[i];
        }
        return filled;
    }

    private void refresh() {
        String[] fields = currentFields();
        for (CronPart part : CronPart.values()) {
            Button chip = chips.get(part);
            chip.setText(part.label() + ": " + fields[part.ordinal()]);
            chip.setAriaLabel(
                    part.label() + ": " + fields[part.ordinal()] + ", edit"); // the visible text starts the spoken name
            chip.removeThemeVariants(ButtonVariant.LUMO_ERROR);
            chip.addThemeVariants(ButtonVariant.LUMO_CONTRAST);
            chip.getElement().removeAttribute("aria-invalid");
        }
        nextRuns.removeAll();
        String text = generateModelValue();
        if (text.isEmpty()) {
            problem = null;
            setInvalid(false);
            setErrorMessage(null);
            description.setText("No schedule");
            minimumNotice.setVisible(false);
            return;
        }
        try {
            CronSchedule schedule = CronDialect.parse(text);
            CronPreview preview = schedule.preview(clock.instant(), zone, 5);
            problem = null;
            setInvalid(false);
            setErrorMessage(null);
            description.setText(preview.description());
            minimumNotice.setVisible(preview.minimumIntervalApplied());
            for (Instant run : preview.next()) {
                nextRuns.add(new ListItem(Formats.scheduleTime(run, zone)));
            }
        } catch (InvalidCronException e) {
            problem = e;
            setErrorMessage(e.getMessage());
            setInvalid(true);
            description.setText("");
            minimumNotice.setVisible(false);
            for (CronPart part : CronPart.values()) {
                if (part.key().equals(e.field())) {
                    Button chip = chips.get(part);
                    chip.removeThemeVariants(ButtonVariant.LUMO_CONTRAST);
                    chip.addThemeVariants(ButtonVariant.LUMO_ERROR);
                    chip.getElement().setAttribute("aria-invalid", "true");
                }
            }
        }
    }

    private static Map<String, String> quickSettings() {
        Map<String, String> items = new LinkedHashMap<>();
        items.put("Every 30 minutes", "*/30 * * * *");
        items.put("Every hour", "0 * * * *");
        items.put("Every 6 hours", "0 */6 * * *");
        items.put("Every day at 00:00", "0 0 * * *");
        items.put("Every day at 02:00", "0 2 * * *");
        items.put("Every weekday at 09:00", "0 9 * * MON-FRI");
        items.put("Every Monday at 03:00", "0 3 * * MON");
        items.put("The 1st of every month at 00:00", "0 0 1 * *");
        return Collections.unmodifiableMap(items);
    }
}

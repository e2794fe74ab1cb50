package dev.stateset.console.cron.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.IntegerField;
import dev.stateset.console.cron.CronPart;
import java.time.DayOfWeek;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Editor of one cron field: every value, specific values, a range, or a start with an increment. It composes the
 * field's text; whether the whole expression is valid is decided by the dialect when the text comes back.
 */
class CronFieldEditor extends Dialog {

    enum Mode {
        EVERY("Every"),
        SPECIFIC("Specific values"),
        RANGE("Range"),
        STEP("Start + increment");

        final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    private static final Pattern RANGE = Pattern.compile("(\\w+)-(\\w+)");
    private static final Pattern STEP = Pattern.compile("(\\*|\\w+)/(\\d+)");

    final RadioButtonGroup<Mode> mode = new RadioButtonGroup<>("Run");
    final MultiSelectComboBox<Integer> specific = new MultiSelectComboBox<>("Values");
    final ComboBox<Integer> rangeFrom = new ComboBox<>("From");
    final ComboBox<Integer> rangeTo = new ComboBox<>("Through");
    final ComboBox<Integer> stepStart = new ComboBox<>("Start at");
    final IntegerField stepEvery = new IntegerField("Every");
    final Button apply = new Button("Apply");
    final Span error = new Span();
    private final CronPart part;

    CronFieldEditor(CronPart part, String current, Consumer<String> onApply) {
        this.part = part;
        setHeaderTitle(part.label());
        getElement().setAttribute("aria-label", "Edit the " + part.label() + " field");
        List<Integer> values =
                IntStream.rangeClosed(part.min(), part.max()).boxed().toList();
        for (ComboBox<Integer> box : List.of(rangeFrom, rangeTo, stepStart)) {
            box.setItems(values);
            box.setItemLabelGenerator(this::label);
        }
        specific.setItems(values);
        specific.setItemLabelGenerator(this::label);
        specific.setWidth("20em");
        stepEvery.setMin(1);
        stepEvery.setMax(part.max());
        stepEvery.setStepButtonsVisible(true);
        mode.setItems(Mode.values());
        mode.setItemLabelGenerator(m -> m.label);
        mode.addValueChangeListener(e -> showInputs());
        error.addClassName("cron-editor-error");
        error.getElement().setAttribute("role", "alert");

        HorizontalLayout range = new HorizontalLayout(rangeFrom, rangeTo);
        HorizontalLayout step = new HorizontalLayout(stepStart, stepEvery);
        add(mode, specific, range, step, error);
        load(current == null ? "*" : current.strip().toUpperCase(Locale.ROOT));
        showInputs();

        apply.setId("cron-editor-apply");
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        apply.addClickListener(e -> {
            String text = compose();
            if (text != null) {
                onApply.accept(text);
                close();
            }
        });
        getFooter().add(new Button("Cancel", e -> close()), apply);
    }

    private void showInputs() {
        specific.setVisible(mode.getValue() == Mode.SPECIFIC);
        rangeFrom.getParent().ifPresent(p -> p.setVisible(mode.getValue() == Mode.RANGE));
        stepStart.getParent().ifPresent(p -> p.setVisible(mode.getValue() == Mode.STEP));
        error.setText("");
    }

    /** Reads the current field text into the editor; anything it cannot show falls back to "specific values". */
    private void load(String text) {
        Matcher step = STEP.matcher(text);
        Matcher range = RANGE.matcher(text);
        if (text.equals("*")) {
            mode.setValue(Mode.EVERY);
        } else if (step.matches()) {
            mode.setValue(Mode.STEP);
            stepStart.setValue(step.group(1).equals("*") ? part.min() : number(step.group(1)));
            stepEvery.setValue(Integer.parseInt(step.group(2)));
        } else if (range.matches() && number(range.group(1)) != null && number(range.group(2)) != null) {
            mode.setValue(Mode.RANGE);
            rangeFrom.setValue(number(range.group(1)));
            rangeTo.setValue(number(range.group(2)));
        } else {
            mode.setValue(Mode.SPECIFIC);
            TreeSet<Integer> selected = new TreeSet<>();
            for (String item : text.split(",")) {
                Integer n = number(item);
                if (n != null) {
                    selected.add(n);
                }
            }
            specific.setValue(selected);
        }
        if (stepEvery.getValue() == null) {
            stepEvery.setValue(part == CronPart.MINUTE ? 15 : 1);
        }
        if (stepStart.getValue() == null) {
            stepStart.setValue(part.min());
        }
    }

    /** The field text for the chosen mode, or null (with a message) when the input is incomplete. */
    String compose() {
        switch (mode.getValue()) {
            case EVERY -> {
                return "*";
            }
            case SPECIFIC -> {
                if (specific.getValue().isEmpty()) {
                    error.setText("Choose at least one value");
                    return null;
                }
                return String.join(
                        ",",
                        new TreeSet<>(specific.getValue())
                                .stream().map(this::token).toList());
            }
            case RANGE -> {
                if (rangeFrom.getValue() == null
                        || rangeTo.getValue() == null
                        || rangeFrom.getValue() > rangeTo.getValue()) {
                    error.setText("Choose a start and an end, the start not after the end");
                    return null;
                }
                return token(rangeFrom.getValue()) + "-" + token(rangeTo.getValue());
            }
            case STEP -> {
                if (stepStart.getValue() == null
                        || stepEvery.getValue() == null
                        || stepEvery.getValue() < 1
                        || stepEvery.getValue() > part.max()) {
                    error.setText("Choose a start and an increment between 1 and " + part.max());
                    return null;
                }
                String start = stepStart.getValue() == part.min() ? "*" : token(stepStart.getValue());
                return start + "/" + stepEvery.getValue();
            }
            default -> throw new IllegalStateException();
        }
    }

    /** Months and weekdays are written as names (JAN, MON); everything else as numbers. */
    private String token(int value) {
        return switch (part) {
            case MONTH ->
                Month.of(value).getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toUpperCase(Locale.ROOT);
            case WEEK ->
                DayOfWeek.of(value)
                        .getDisplayName(TextStyle.SHORT, Locale.ENGLISH)
                        .toUpperCase(Locale.ROOT);
            default -> String.valueOf(value);
        };
    }

    private String label(Integer value) {
        return switch (part) {
            case MONTH -> Month.of(value).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case WEEK -> DayOfWeek.of(value).getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " (" + value + ")";
            case HOUR -> String.format("%02d", value);
            default -> String.valueOf(value);
        };
    }

    private Integer number(String token) {
        String t = token.strip();
        if (t.matches("\\d+")) {
            int n = Integer.parseInt(t);
            return n >= part.min() && n <= part.max() ? n : null;
        }
        for (int v = part.min(); v <= part.max(); v++) {
            if (t.equals(token(v))) {
                return v;
            }
        }
        return null;
    }
}

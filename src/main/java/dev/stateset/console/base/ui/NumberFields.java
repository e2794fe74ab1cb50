package dev.stateset.console.base.ui;

import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.data.binder.ValidationResult;
import com.vaadin.flow.data.binder.ValueContext;

/**
 * Whole-number form fields whose range is checked at the field. A number the field cannot hold (99999999999) or
 * one outside its range is refused where it was typed, before the form hands the service an empty value that
 * would mean "no limit" or draw a message about another rule.
 */
public final class NumberFields {

    private NumberFields() {}

    /** Sets the field's range and the messages it shows for a value below, above or not a whole number. */
    public static IntegerField range(IntegerField field, int min, int max, String unit) {
        String range = "Enter a whole number from " + min + " to " + max + (unit.isEmpty() ? "" : " " + unit);
        field.setMin(min);
        field.setMax(max);
        field.setI18n(new IntegerField.IntegerFieldI18n()
                .setBadInputErrorMessage(range)
                .setMinErrorMessage(range)
                .setMaxErrorMessage(range));
        return field;
    }

    /**
     * Checks each field with its own constraints (range, required, bad input) and marks the ones that fail.
     *
     * @return true when all hold a value their constraints accept, so the form may call its service
     */
    public static boolean accepted(IntegerField... fields) {
        IntegerField first = null;
        for (IntegerField field : fields) {
            ValidationResult result = field.getDefaultValidator().apply(field.getValue(), new ValueContext(field));
            if (result.isError()) {
                field.setErrorMessage(result.getErrorMessage());
                field.setInvalid(true);
                first = first == null ? field : first;
            }
        }
        if (first == null) {
            return true;
        }
        first.focus(); // brings the field into view, where the save button may have been scrolled far below it
        Notifications.error("Nothing was saved: correct the marked fields");
        return false;
    }
}

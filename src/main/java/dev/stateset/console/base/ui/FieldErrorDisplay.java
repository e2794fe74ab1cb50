package dev.stateset.console.base.ui;

import com.vaadin.flow.component.HasValidation;
import dev.stateset.console.base.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shows a service's per-field validation messages next to the form fields they belong to. The service is the
 * single source of the rules; forms only display them. A message for a field the form does not have is shown
 * as a notification, so no refusal goes unexplained.
 */
public final class FieldErrorDisplay {

    private final Map<String, HasValidation> fields = new LinkedHashMap<>();

    public FieldErrorDisplay bind(String field, HasValidation component) {
        fields.put(field, component);
        return this;
    }

    public void clear() {
        fields.values().forEach(f -> {
            f.setInvalid(false);
            f.setErrorMessage(null);
        });
    }

    public void show(InvalidInputException e) {
        clear();
        StringBuilder unbound = new StringBuilder();
        e.fieldErrors().forEach((field, message) -> {
            HasValidation component = fields.get(field);
            if (component != null) {
                component.setErrorMessage(message);
                component.setInvalid(true);
            } else {
                unbound.append(unbound.isEmpty() ? "" : "; ").append(message);
            }
        });
        if (!unbound.isEmpty()) {
            Notifications.error(unbound.toString());
        }
    }
}

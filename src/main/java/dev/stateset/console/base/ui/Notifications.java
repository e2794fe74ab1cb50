package dev.stateset.console.base.ui;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

/** The console's toasts: short confirmations and clear error messages, in one style. */
public final class Notifications {

    private Notifications() {}

    public static void success(String message) {
        Notification n = Notification.show(message, 3000, Notification.Position.BOTTOM_END);
        n.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    /** Neutral news, e.g. that slow work has started. */
    public static void show(String message) {
        Notification.show(message, 3000, Notification.Position.BOTTOM_END);
    }

    public static void error(String message) {
        Notification n = Notification.show(message, 6000, Notification.Position.MIDDLE);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
}

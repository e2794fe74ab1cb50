package dev.stateset.console.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.shared.Registration;

/**
 * Client polling for views that follow background work (job statuses, running snapshots). Start it on attach and
 * remove the returned registration on detach, which also stops the polling.
 */
public final class UiPolling {

    private UiPolling() {}

    public static Registration start(UI ui, int intervalMillis, Runnable onPoll) {
        ui.setPollInterval(intervalMillis);
        Registration listener = ui.addPollListener(e -> onPoll.run());
        return () -> {
            listener.remove();
            ui.setPollInterval(-1);
        };
    }
}

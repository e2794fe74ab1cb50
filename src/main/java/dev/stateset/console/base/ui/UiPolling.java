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
        // A dialog may poll on top of its view: poll at the faster rate, and give the view its rate back afterwards.
        int previous = ui.getPollInterval();
        ui.setPollInterval(previous > 0 ? Math.min(previous, intervalMillis) : intervalMillis);
        Registration listener = ui.addPollListener(e -> onPoll.run());
        return () -> {
            listener.remove();
            ui.setPollInterval(previous);
        };
    }
}

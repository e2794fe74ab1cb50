package dev.stateset.console.live.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import dev.stateset.console.live.StateChange;
import dev.stateset.console.live.StateChanges;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Binds a component to the changes it shows: while it is attached, every change {@code which} accepts runs
 * {@code onChange} in its UI (through {@code ui.access}, delivered by server push). Works in modal dialogs too, where
 * client polling is ignored (Vaadin drops poll events from a page made inert by a modal). A burst of changes that
 * arrives before the page has caught up runs {@code onChange} once.
 *
 * <p>A page reads what it shows before it is attached (e.g. in {@code beforeEnter}) and subscribes when attached: a
 * change delivered in between is replayed at attach, counted from the moment {@code follow} was called (or the
 * component was last detached), so the page never keeps showing what it read just before the change.
 */
public final class LiveUpdates {

    private LiveUpdates() {}

    public static void follow(Component owner, StateChanges changes, Predicate<StateChange> which, Runnable onChange) {
        AtomicReference<StateChanges.Subscription> subscription = new AtomicReference<>();
        AtomicLong heardUpTo = new AtomicLong(changes.position());
        if (owner.isAttached()) {
            subscribe(owner.getUI().orElseThrow(), changes, which, onChange, subscription, heardUpTo.get());
        }
        owner.addAttachListener(e -> subscribe(e.getUI(), changes, which, onChange, subscription, heardUpTo.get()));
        owner.addDetachListener(e -> {
            heardUpTo.set(changes.position());
            cancel(subscription);
        });
    }

    private static void subscribe(
            UI ui,
            StateChanges changes,
            Predicate<StateChange> which,
            Runnable onChange,
            AtomicReference<StateChanges.Subscription> subscription,
            long since) {
        AtomicBoolean queued = new AtomicBoolean();
        cancel(subscription);
        Runnable refresh = () -> {
            if (!queued.compareAndSet(false, true)) {
                return; // the page has a refresh queued already; it will read this change too
            }
            try {
                ui.access(() -> {
                    queued.set(false);
                    onChange.run();
                });
            } catch (UIDetachedException e) {
                cancel(subscription); // the browser went away without a detach reaching us
            }
        };
        subscription.set(changes.subscribeSince(since, which, change -> refresh.run(), refresh));
    }

    private static void cancel(AtomicReference<StateChanges.Subscription> subscription) {
        StateChanges.Subscription old = subscription.getAndSet(null);
        if (old != null) {
            old.cancel();
        }
    }
}

package dev.stateset.console.live.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import dev.stateset.console.live.StateChange;
import dev.stateset.console.live.StateChanges;
import dev.stateset.console.support.Await;
import dev.stateset.console.support.KaribuViewTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A page reads what it shows before it is attached and subscribes when attached: a change delivered in between must
 * still refresh it (a restore verdict recorded while the job page was opening never showed until a reload).
 */
class LiveUpdatesTest extends KaribuViewTest {

    /** A workspace id no real workspace has, so that the console's own changes never reach this page. */
    private static final long WORKSPACE = 876_543_210L;

    @Autowired
    StateChanges changes;

    final List<StateChange> delivered = new CopyOnWriteArrayList<>();
    StateChanges.Subscription witness;

    @BeforeEach
    void watchDeliveries() {
        witness = changes.subscribe(c -> c.workspaceId() == WORKSPACE, delivered::add);
    }

    @AfterEach
    void stopWatching() {
        witness.cancel();
    }

    @Test
    void a_change_delivered_after_the_page_read_and_before_it_was_attached_refreshes_it_at_attach() {
        AtomicInteger refreshes = new AtomicInteger();
        Div page = new Div();
        LiveUpdates.follow(
                page,
                changes,
                c -> c.workspaceId() == WORKSPACE && Long.valueOf(1L).equals(c.jobId()),
                refreshes::incrementAndGet);

        publishAndAwaitDelivery(new StateChange(WORKSPACE, 2L, StateChange.Kind.JOB)); // not what the page shows
        UI.getCurrent().add(page);
        MockVaadin.runUIQueue();
        assertThat(refreshes).as("nothing it shows changed").hasValue(0);

        UI.getCurrent().remove(page);
        publishAndAwaitDelivery(new StateChange(WORKSPACE, 1L, StateChange.Kind.JOB));
        MockVaadin.runUIQueue();
        assertThat(refreshes).as("a detached page is not refreshed").hasValue(0);

        UI.getCurrent().add(page);
        awaitUi("the change missed while detached refreshes the page at attach", () -> refreshes.get() == 1);

        publishAndAwaitDelivery(new StateChange(WORKSPACE, 1L, StateChange.Kind.SNAPSHOT));
        awaitUi("an attached page hears changes as before", () -> refreshes.get() == 2);
    }

    @Test
    void a_page_created_and_read_before_a_change_hears_it_when_first_attached() {
        AtomicInteger refreshes = new AtomicInteger();
        Div page = new Div();
        LiveUpdates.follow(page, changes, c -> c.workspaceId() == WORKSPACE, refreshes::incrementAndGet);
        // beforeEnter has read the job here; the status sync then records the restore verdict.
        publishAndAwaitDelivery(new StateChange(WORKSPACE, 3L, StateChange.Kind.JOB));
        UI.getCurrent().add(page);
        awaitUi("the page re-reads at attach", () -> refreshes.get() == 1);
    }

    private void publishAndAwaitDelivery(StateChange change) {
        int before = delivered.size();
        changes.publish(change.workspaceId(), change.jobId(), change.kind());
        Await.until(Duration.ofSeconds(10), "the change delivered", () -> delivered.size() > before);
    }
}

package dev.stateset.console.stateset.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.internal.change.NodeChange;
import dev.stateset.console.stateset.FailureExplanation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An Overview card redrawn by a pushed refresh: what Flow would send to the browser (the state tree's changes), not
 * only what the card shows.
 */
class OverviewCardTest {

    OverviewCard card;

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
        card = new OverviewCard("Last successful checkpoint", "last-completed-checkpoint");
        UI.getCurrent().add(card);
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    @Test
    void the_same_content_again_sends_nothing() {
        card.show(completed("41", "12 ms"));
        sentChanges();

        card.show(completed("41", "12 ms"));

        assertThat(sentChanges()).isEmpty();
        assertThat(card.getElement().getTextRecursively()).contains("41", "12 ms");
    }

    @Test
    void new_values_under_the_same_labels_send_only_the_texts_that_changed() {
        card.show(completed("41", "12 ms"));
        List<Component> rows = card.getChildren().toList();
        sentChanges();

        card.show(completed("42", "12 ms"));

        assertThat(card.getChildren().toList())
                .as("the same rows, not new ones")
                .isEqualTo(rows);
        assertThat(card.getElement().getTextRecursively()).contains("42").doesNotContain("41");
        List<NodeChange> changes = sentChanges();
        assertThat(changes)
                .as("one text node's new text: " + changes)
                .hasSize(1)
                .allMatch(c -> c instanceof com.vaadin.flow.internal.change.MapPutChange put
                        && put.getValue().equals("42"));
    }

    @Test
    void a_failure_after_a_success_shows_its_rows_and_its_cause_then_none_yet() {
        card.show(completed("41", "12 ms"));

        card.show(OverviewCard.Content.failed(
                FailureExplanation.of("java.util.concurrent.TimeoutException: Checkpoint expired before completing."),
                new OverviewCard.Row("ID", "43"),
                new OverviewCard.Row("Failed", "2026-12-06 14:00:00 +01:00")));

        String text = card.getElement().getTextRecursively();
        assertThat(text).contains("43", "Failed").doesNotContain("Full size");
        assertThat(card.getChildren().filter(c -> c.hasClassName("failure-cause")))
                .hasSize(1);

        card.show(OverviewCard.Content.NONE_YET);
        assertThat(card.getElement().getTextRecursively()).isEqualTo("Last successful checkpointNone yet");
    }

    private static OverviewCard.Content completed(String id, String duration) {
        return OverviewCard.Content.completed(
                new OverviewCard.Row("ID", id),
                new OverviewCard.Row("Completed", "2026-12-06 14:00:00 +01:00"),
                new OverviewCard.Row("Duration", duration),
                new OverviewCard.Row("Full size", "4.2 KiB"));
    }

    /** The changes Flow would send in the next response (collecting them marks the tree clean). */
    private static List<NodeChange> sentChanges() {
        List<NodeChange> changes = new ArrayList<>();
        UI.getCurrent().getInternals().getStateTree().collectChanges(changes::add);
        return changes;
    }
}

package dev.stateset.console.stateset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateset.console.engine.inspect.SnapshotContentsReader.OperatorContents;
import dev.stateset.console.engine.inspect.SnapshotContentsReader.SnapshotContents;
import dev.stateset.console.engine.inspect.SnapshotContentsReader.StateContents;
import dev.stateset.console.engine.inspect.SnapshotContentsReader.StateScope;
import dev.stateset.console.stateset.SnapshotComparison.Change;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two snapshots' contents compared: operators by Flink's operator id, states by scope and name, biggest growth first. */
class SnapshotComparisonTest {

    @Test
    void operators_and_states_are_added_removed_changed_or_unchanged_biggest_growth_first() {
        SnapshotContents base = new SnapshotContents(
                1,
                List.of(
                        operator("a", 100, keyed("count", 100L)),
                        operator("gone", 50, keyed("old", 50L)),
                        operator("same", 10, keyed("s", 10L))));
        SnapshotContents other = new SnapshotContents(
                2,
                List.of(
                        operator("a", 900, keyed("count", 800L), keyed("seen", 100L)),
                        operator("same", 10, keyed("s", 10L)),
                        operator("new", 30, keyed("fresh", 30L))));

        SnapshotComparison comparison = SnapshotComparison.of(1, base, 2, other);

        assertThat(comparison.growth()).isEqualTo(940 - 160);
        assertThat(comparison.operators())
                .extracting(SnapshotComparison.OperatorChange::uidHash, SnapshotComparison.OperatorChange::change)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a", Change.CHANGED),
                        org.assertj.core.groups.Tuple.tuple("new", Change.ADDED),
                        org.assertj.core.groups.Tuple.tuple("same", Change.UNCHANGED),
                        org.assertj.core.groups.Tuple.tuple("gone", Change.REMOVED));
        assertThat(comparison.operators().get(0).states())
                .extracting(SnapshotComparison.StateChange::name, SnapshotComparison.StateChange::change)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("count", Change.CHANGED),
                        org.assertj.core.groups.Tuple.tuple("seen", Change.ADDED));
        assertThat(comparison.operators().get(3).states().get(0).growth()).isEqualTo(-50);
    }

    @Test
    void a_state_whose_bytes_the_format_does_not_tell_has_no_growth_and_sorts_last() {
        SnapshotContents base = new SnapshotContents(1, List.of(operator("a", 10, keyed("x", null), keyed("y", 5L))));
        SnapshotContents other = new SnapshotContents(2, List.of(operator("a", 20, keyed("x", null), keyed("y", 9L))));
        List<SnapshotComparison.StateChange> states =
                SnapshotComparison.of(1, base, 2, other).operators().get(0).states();
        assertThat(states).extracting(SnapshotComparison.StateChange::name).containsExactly("y", "x");
        assertThat(states.get(1).growth()).isNull();
        assertThat(states.get(1).change()).isEqualTo(Change.UNCHANGED);
    }

    private static OperatorContents operator(String id, long bytes, StateContents... states) {
        return new OperatorContents(id, id, "op " + id, 1, 128, bytes, List.of(states));
    }

    private static StateContents keyed(String name, Long bytes) {
        return new StateContents(name, StateScope.KEYED, "VALUE", bytes, bytes == null ? null : 1L, null);
    }
}

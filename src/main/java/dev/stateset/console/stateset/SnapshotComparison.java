package dev.stateset.console.stateset;

import dev.stateset.console.engine.inspect.SnapshotContentsReader.OperatorContents;
import dev.stateset.console.engine.inspect.SnapshotContentsReader.SnapshotContents;
import dev.stateset.console.engine.inspect.SnapshotContentsReader.StateContents;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How one snapshot ({@code other}) differs from another ({@code base}): operators matched on Flink's operator id (what
 * a restore matches on), states on scope and name. Biggest growth first, so "why did our savepoints grow?" is answered
 * by the first rows and "what would this restore drop?" by the REMOVED ones.
 */
public record SnapshotComparison(
        long baseSnapshotId, long otherSnapshotId, long baseBytes, long otherBytes, List<OperatorChange> operators) {

    public enum Change {
        ADDED,
        REMOVED,
        CHANGED,
        UNCHANGED
    }

    /** One state's difference; bytes are null where a snapshot's format does not tell them, or where it is absent. */
    public record StateChange(String name, String scope, String kind, Change change, Long baseBytes, Long otherBytes) {

        public Long growth() {
            if (change == Change.ADDED || change == Change.REMOVED) {
                long before = baseBytes == null ? 0 : baseBytes;
                long after = otherBytes == null ? 0 : otherBytes;
                return after - before;
            }
            return baseBytes == null || otherBytes == null ? null : otherBytes - baseBytes;
        }
    }

    public record OperatorChange(
            String uid,
            String uidHash,
            String name,
            Change change,
            long baseBytes,
            long otherBytes,
            List<StateChange> states) {

        public long growth() {
            return otherBytes - baseBytes;
        }
    }

    public long growth() {
        return otherBytes - baseBytes;
    }

    static SnapshotComparison of(long baseId, SnapshotContents base, long otherId, SnapshotContents other) {
        List<OperatorChange> changes =
                paired(base.operators(), other.operators(), OperatorContents::uidHash, SnapshotComparison::operator);
        changes.sort(
                Comparator.comparingLong(OperatorChange::growth).reversed().thenComparing(OperatorChange::uidHash));
        return new SnapshotComparison(baseId, otherId, base.stateBytes(), other.stateBytes(), List.copyOf(changes));
    }

    /** One operator in both snapshots, or in one of them ({@code was} or {@code is} null). */
    private static OperatorChange operator(OperatorContents was, OperatorContents is) {
        OperatorContents either = is != null ? is : was;
        List<StateChange> states = paired(
                was == null ? List.of() : was.states(),
                is == null ? List.of() : is.states(),
                SnapshotComparison::stateKey,
                SnapshotComparison::state);
        states.sort(Comparator.comparing(
                        (StateChange s) -> s.growth() == null ? Long.MIN_VALUE : s.growth(), Comparator.reverseOrder())
                .thenComparing(StateChange::name));
        Change change = was == null
                ? Change.ADDED
                : is == null
                        ? Change.REMOVED
                        : was.stateBytes() != is.stateBytes()
                                        || states.stream().anyMatch(s -> s.change() != Change.UNCHANGED)
                                ? Change.CHANGED
                                : Change.UNCHANGED;
        return new OperatorChange(
                either.uid(),
                either.uidHash(),
                is != null && is.name() != null ? is.name() : was != null ? was.name() : null,
                change,
                was == null ? 0 : was.stateBytes(),
                is == null ? 0 : is.stateBytes(),
                List.copyOf(states));
    }

    /** One named state in both snapshots, or in one of them. */
    private static StateChange state(StateContents a, StateContents b) {
        StateContents either = b != null ? b : a;
        Change change = a == null
                ? Change.ADDED
                : b == null
                        ? Change.REMOVED
                        : Objects.equals(a.bytes(), b.bytes()) && a.kind().equals(b.kind())
                                ? Change.UNCHANGED
                                : Change.CHANGED;
        return new StateChange(
                either.name(),
                either.scope().name(),
                either.kind(),
                change,
                a == null ? null : a.bytes(),
                b == null ? null : b.bytes());
    }

    /**
     * Pairs the items of two lists by id (each side null where only the other has it), in first-seen order, and
     * compares each pair: the one merge both operators and their states go through.
     */
    private static <T, R> List<R> paired(
            List<T> before, List<T> after, Function<T, String> id, BiFunction<T, T, R> compare) {
        Map<String, T> was = byId(before, id);
        Map<String, T> is = byId(after, id);
        Set<String> ids = new LinkedHashSet<>(was.keySet());
        ids.addAll(is.keySet());
        List<R> pairs = new ArrayList<>();
        for (String key : ids) {
            pairs.add(compare.apply(was.get(key), is.get(key)));
        }
        return pairs;
    }

    private static String stateKey(StateContents state) {
        return state.scope() + "/" + state.name();
    }

    private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
        return items.stream().collect(Collectors.toMap(id, t -> t, (x, y) -> x, LinkedHashMap::new));
    }
}

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
        Map<String, OperatorContents> before = byId(base.operators(), OperatorContents::uidHash);
        Map<String, OperatorContents> after = byId(other.operators(), OperatorContents::uidHash);
        Set<String> ids = new LinkedHashSet<>(before.keySet());
        ids.addAll(after.keySet());
        List<OperatorChange> changes = new ArrayList<>();
        for (String id : ids) {
            OperatorContents was = before.get(id);
            OperatorContents is = after.get(id);
            OperatorContents either = is != null ? is : was;
            List<StateChange> states = states(was, is);
            Change change = was == null
                    ? Change.ADDED
                    : is == null
                            ? Change.REMOVED
                            : was.stateBytes() != is.stateBytes()
                                            || states.stream().anyMatch(s -> s.change() != Change.UNCHANGED)
                                    ? Change.CHANGED
                                    : Change.UNCHANGED;
            changes.add(new OperatorChange(
                    either.uid(),
                    id,
                    is != null && is.name() != null ? is.name() : was != null ? was.name() : null,
                    change,
                    was == null ? 0 : was.stateBytes(),
                    is == null ? 0 : is.stateBytes(),
                    states));
        }
        changes.sort(
                Comparator.comparingLong(OperatorChange::growth).reversed().thenComparing(OperatorChange::uidHash));
        return new SnapshotComparison(baseId, otherId, base.stateBytes(), other.stateBytes(), List.copyOf(changes));
    }

    private static List<StateChange> states(OperatorContents was, OperatorContents is) {
        Map<String, StateContents> before = byId(was == null ? List.of() : was.states(), SnapshotComparison::stateKey);
        Map<String, StateContents> after = byId(is == null ? List.of() : is.states(), SnapshotComparison::stateKey);
        Set<String> keys = new LinkedHashSet<>(before.keySet());
        keys.addAll(after.keySet());
        List<StateChange> changes = new ArrayList<>();
        for (String key : keys) {
            StateContents a = before.get(key);
            StateContents b = after.get(key);
            StateContents either = b != null ? b : a;
            Change change = a == null
                    ? Change.ADDED
                    : b == null
                            ? Change.REMOVED
                            : Objects.equals(a.bytes(), b.bytes()) && a.kind().equals(b.kind())
                                    ? Change.UNCHANGED
                                    : Change.CHANGED;
            changes.add(new StateChange(
                    either.name(),
                    either.scope().name(),
                    either.kind(),
                    change,
                    a == null ? null : a.bytes(),
                    b == null ? null : b.bytes()));
        }
        changes.sort(Comparator.comparing(
                        (StateChange s) -> s.growth() == null ? Long.MIN_VALUE : s.growth(), Comparator.reverseOrder())
                .thenComparing(StateChange::name));
        return List.copyOf(changes);
    }

    private static String stateKey(StateContents state) {
        return state.scope() + "/" + state.name();
    }

    private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
        return items.stream().collect(Collectors.toMap(id, t -> t, (x, y) -> x, LinkedHashMap::new));
    }
}

package dev.stateset.console.engine.inspect;

import dev.stateset.console.engine.inspect.KeyedStateBrowser.NotBrowsableException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.StateObjectCollection;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.KeyGroupsStateHandle;
import org.apache.flink.runtime.state.KeyedStateHandle;

/**
 * An operator's keyed state cut into runs of whole key groups of about {@code chunkBytes} each, in key-group order.
 * The browser reads one run per local job, so a first page restores one run instead of the whole operator, a lookup
 * restores the one run its key hashes to, and the heap holds one run at a time. Key groups are where Flink itself cuts
 * keyed state (rescaling); a key group's bytes come from the snapshot's own offsets.
 */
final class KeyGroupChunks {

    private final OperatorState operator;
    private final List<KeyGroupRange> chunks;

    private KeyGroupChunks(OperatorState operator, List<KeyGroupRange> chunks) {
        this.operator = operator;
        this.chunks = List.copyOf(chunks);
    }

    /**
     * @param maxReadBytes the most one read restores; a key group (or, in formats that cannot be cut, the whole
     *                     operator) larger than that is refused
     */
    static KeyGroupChunks of(OperatorState operator, long chunkBytes, long maxReadBytes) {
        int maxParallelism = operator.getMaxParallelism();
        long[] sizes = new long[maxParallelism];
        for (OperatorSubtaskState subtask : operator.getStates()) {
            for (KeyedStateHandle handle : subtask.getManagedKeyedState()) {
                if (!(handle instanceof KeyGroupsStateHandle groups)) {
                    throw new NotBrowsableException(SnapshotContentsReader.NATIVE_ROCKSDB);
                }
                addSizes(groups, sizes);
            }
        }
        List<KeyGroupRange> chunks = new ArrayList<>();
        int start = 0;
        long bytes = 0;
        for (int group = 0; group < maxParallelism; group++) {
            if (sizes[group] > maxReadBytes) {
                throw new NotBrowsableException("Key group " + group + " holds " + sizes[group] + " bytes, more than"
                        + " the browser reads at once (stateset.state-browser.max-state-bytes = " + maxReadBytes + ")");
            }
            if (bytes > 0 && bytes + sizes[group] > chunkBytes) {
                chunks.add(new KeyGroupRange(start, group - 1));
                start = group;
                bytes = 0;
            }
            bytes += sizes[group];
        }
        chunks.add(new KeyGroupRange(start, maxParallelism - 1));
        return new KeyGroupChunks(operator, chunks);
    }

    /** Each key group's bytes in this handle: from its offset to the next group's, the last one to the file's end. */
    private static void addSizes(KeyGroupsStateHandle handle, long[] sizes) {
        List<Tuple2<Integer, Long>> starts = new ArrayList<>();
        handle.getGroupRangeOffsets().forEach(offset -> {
            if (offset.f1 > 0) { // 0: an empty key group
                starts.add(Tuple2.of(offset.f0, offset.f1));
            }
        });
        starts.sort(Comparator.comparingLong(t -> t.f1));
        long end = handle.getDelegateStateHandle().getStateSize();
        for (int i = 0; i < starts.size(); i++) {
            long next = i + 1 < starts.size() ? starts.get(i + 1).f1 : end;
            sizes[starts.get(i).f0] += next - starts.get(i).f1;
        }
    }

    int size() {
        return chunks.size();
    }

    KeyGroupRange range(int chunk) {
        return chunks.get(chunk);
    }

    /** The run holding the key group {@code key} hashes to (the key as Flink deserializes it). */
    int chunkOf(Object key) {
        int group = KeyGroupRangeAssignment.assignToKeyGroup(key, operator.getMaxParallelism());
        for (int i = 0; i < chunks.size(); i++) {
            if (chunks.get(i).contains(group)) {
                return i;
            }
        }
        throw new IllegalStateException("Key group " + group + " in no run");
    }

    /** The operator's state with only this run's key groups: what one local job restores. */
    OperatorState restrictedTo(int chunk) {
        KeyGroupRange range = chunks.get(chunk);
        OperatorState restricted = new OperatorState(
                operator.getOperatorName().orElse(null),
                operator.getOperatorUid().orElse(null),
                operator.getOperatorID(),
                operator.getParallelism(),
                operator.getMaxParallelism());
        for (Map.Entry<Integer, OperatorSubtaskState> subtask :
                operator.getSubtaskStates().entrySet()) {
            List<KeyedStateHandle> handles = new ArrayList<>();
            for (KeyedStateHandle handle : subtask.getValue().getManagedKeyedState()) {
                KeyedStateHandle part = handle.getIntersection(range);
                if (part != null) {
                    handles.add(part);
                }
            }
            restricted.putState(
                    subtask.getKey(),
                    OperatorSubtaskState.builder()
                            .setManagedKeyedState(new StateObjectCollection<>(handles))
                            .build());
        }
        return restricted;
    }
}

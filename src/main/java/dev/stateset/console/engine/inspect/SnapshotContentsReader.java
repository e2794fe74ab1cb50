package dev.stateset.console.engine.inspect;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.array.BytePrimitiveArraySerializer;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.state.AbstractIncrementalStateHandle;
import org.apache.flink.runtime.state.FullSnapshotUtil;
import org.apache.flink.runtime.state.KeyGroupsSavepointStateHandle;
import org.apache.flink.runtime.state.KeyGroupsStateHandle;
import org.apache.flink.runtime.state.KeyedBackendSerializationProxy;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.runtime.state.OperatorBackendSerializationProxy;
import org.apache.flink.runtime.state.OperatorStateHandle;
import org.apache.flink.runtime.state.SnappyStreamCompressionDecorator;
import org.apache.flink.runtime.state.StreamCompressionDecorator;
import org.apache.flink.runtime.state.StreamStateHandle;
import org.apache.flink.runtime.state.UncompressedStreamCompressionDecorator;
import org.apache.flink.runtime.state.metainfo.StateMetaInfoSnapshot;
import org.springframework.stereotype.Component;

/**
 * Reads what a snapshot holds, operator by operator and state by state, with Flink's own readers: the {@code _metadata}
 * for operators and their state handles, each handle's serialization proxy for state names and kinds, and the entries
 * of canonical savepoints for bytes per state. Works on any file system Flink reaches (local disk, S3…).
 *
 * <p>Bytes per keyed state are exact only where the format tells them without deserializing values: the canonical
 * savepoint format (entries of key and value bytes, the same for every state backend). Native heap and RocksDB
 * formats say which states exist, and the operator's total is exact, but their split per state stays unknown (null).
 */
@Component
public class SnapshotContentsReader {

    static final String NATIVE_ROCKSDB = "This snapshot keeps its keyed state in RocksDB's native format, which the"
            + " browser does not read: take a CANONICAL job snapshot and browse that";

    /** Whether state belongs to a key (keyed state, timers) or to an operator instance (operator, broadcast). */
    public enum StateScope {
        KEYED,
        OPERATOR
    }

    /**
     * One named state of an operator, summed over its subtasks.
     *
     * @param kind    VALUE, LIST, MAP, REDUCING, AGGREGATING, TIMERS (keyed); LIST, UNION, BROADCAST (operator)
     * @param bytes   serialized bytes; null when the snapshot's format does not say (see the class comment)
     * @param entries key/value entries (keyed state of canonical savepoints; null otherwise)
     * @param notBrowsableReason why the keyed state browser cannot read this state (operator state, timers, Kryo
     *                           types…); null when it can
     */
    public record StateContents(
            String name, StateScope scope, String kind, Long bytes, Long entries, String notBrowsableReason) {}

    /**
     * An operator with state.
     *
     * @param uidHash    Flink's operator id (the hash of the uid when one is set), which restores match on
     * @param stateBytes all its state handles' bytes, as Flink accounts them
     */
    public record OperatorContents(
            String uid,
            String uidHash,
            String name,
            int parallelism,
            int maxParallelism,
            long stateBytes,
            List<StateContents> states) {}

    /** Every operator that holds state, biggest first. */
    public record SnapshotContents(long checkpointId, List<OperatorContents> operators) {

        public long stateBytes() {
            return operators.stream().mapToLong(OperatorContents::stateBytes).sum();
        }
    }

    /**
     * Reads the snapshot at {@code location} (a directory with a {@code _metadata} file).
     *
     * @param userClassLoader resolves the job's own serializer snapshot classes (its jar); the console's loader
     *                        otherwise
     * @throws IllegalStateException when the snapshot cannot be read
     */
    public SnapshotContents read(String location, ClassLoader userClassLoader) {
        try {
            CheckpointMetadata checkpoint = SnapshotFiles.metadata(location, userClassLoader);
            List<OperatorContents> operators = new ArrayList<>();
            for (OperatorState operator : checkpoint.getOperatorStates()) {
                if (operator.getStates().stream().anyMatch(OperatorSubtaskState::hasState)
                        || operator.getCoordinatorState() != null) {
                    operators.add(operatorContents(operator, userClassLoader));
                }
            }
            operators.sort(Comparator.comparingLong(OperatorContents::stateBytes)
                    .reversed()
                    .thenComparing(OperatorContents::uidHash));
            return new SnapshotContents(checkpoint.getCheckpointId(), List.copyOf(operators));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Cannot read the snapshot at " + location + ": " + e.getMessage(), e);
        }
    }

    private static OperatorContents operatorContents(OperatorState operator, ClassLoader loader) throws IOException {
        Map<String, StateTally> states = new LinkedHashMap<>();
        for (OperatorSubtaskState subtask : operator.getStates()) {
            for (KeyedStateHandle handle : subtask.getManagedKeyedState()) {
                keyedStates(handle, loader, states);
            }
            for (OperatorStateHandle handle : subtask.getManagedOperatorState()) {
                operatorStates(handle, loader, states);
            }
        }
        List<StateContents> named = states.values().stream()
                .map(StateTally::contents)
                .sorted(Comparator.comparing(
                                (StateContents s) -> s.bytes() == null ? -1 : s.bytes(), Comparator.reverseOrder())
                        .thenComparing(StateContents::name))
                .toList();
        return new OperatorContents(
                operator.getOperatorUid().orElse(null),
                operator.getOperatorID().toHexString(),
                operator.getOperatorName().orElse(null),
                operator.getParallelism(),
                operator.getMaxParallelism(),
                operator.getStateSize(),
                named);
    }

    private static void keyedStates(KeyedStateHandle handle, ClassLoader loader, Map<String, StateTally> states)
            throws IOException {
        if (handle instanceof KeyGroupsStateHandle groups) {
            try (FSDataInputStream in = groups.openInputStream()) {
                KeyedBackendSerializationProxy<?> proxy = SnapshotFiles.keyedProxy(in, loader);
                List<StateTally> byId = new ArrayList<>();
                for (StateMetaInfoSnapshot meta : proxy.getStateMetaInfoSnapshots()) {
                    byId.add(states.computeIfAbsent(
                            keyedKey(meta), k -> StateTally.keyed(meta, proxy.getKeySerializerSnapshot())));
                }
                if (handle instanceof KeyGroupsSavepointStateHandle) {
                    countEntries(groups, in, proxy.isUsingKeyGroupCompression(), byId);
                } else {
                    byId.forEach(StateTally::sizeUnknown);
                }
            }
        } else if (handle instanceof AbstractIncrementalStateHandle incremental) {
            StreamStateHandle meta = incremental.getMetaDataStateHandle();
            try (FSDataInputStream in = meta.openInputStream()) {
                KeyedBackendSerializationProxy<?> proxy = SnapshotFiles.keyedProxy(in, loader);
                for (StateMetaInfoSnapshot info : proxy.getStateMetaInfoSnapshots()) {
                    states.computeIfAbsent(keyedKey(info), k -> StateTally.keyed(info, null))
                            .sizeUnknown();
                }
            }
        }
    }

    private static String keyedKey(StateMetaInfoSnapshot meta) {
        return "keyed/" + meta.getName();
    }

    /**
     * Walks the canonical format's key groups (documented in Flink's FullSnapshotRestoreOperation): a state id, then
     * length-prefixed key and value byte arrays, the key's first bit marking the last entry of that state.
     */
    private static void countEntries(
            KeyGroupsStateHandle handle, FSDataInputStream in, boolean compressed, List<StateTally> byId)
            throws IOException {
        StreamCompressionDecorator decorator = compressed
                ? SnappyStreamCompressionDecorator.INSTANCE
                : UncompressedStreamCompressionDecorator.INSTANCE;
        for (Tuple2<Integer, Long> keyGroup : handle.getGroupRangeOffsets()) {
            if (keyGroup.f1 == 0L) {
                continue; // an empty key group
            }
            in.seek(keyGroup.f1);
            InputStream group = decorator.decorateWithCompression(in);
            DataInputViewStreamWrapper view = new DataInputViewStreamWrapper(group);
            int stateId = FullSnapshotUtil.END_OF_KEY_GROUP_MARK & view.readShort();
            while (stateId != FullSnapshotUtil.END_OF_KEY_GROUP_MARK) {
                byte[] key = BytePrimitiveArraySerializer.INSTANCE.deserialize(view);
                byte[] value = BytePrimitiveArraySerializer.INSTANCE.deserialize(view);
                byId.get(stateId).add(key.length + value.length);
                if (FullSnapshotUtil.hasMetaDataFollowsFlag(key)) {
                    stateId = FullSnapshotUtil.END_OF_KEY_GROUP_MARK & view.readShort();
                }
            }
        }
    }

    /** Operator state: names and modes from the proxy, bytes from the partition offsets each state owns. */
    private static void operatorStates(OperatorStateHandle handle, ClassLoader loader, Map<String, StateTally> states)
            throws IOException {
        OperatorBackendSerializationProxy proxy = new OperatorBackendSerializationProxy(loader);
        try (FSDataInputStream in = handle.openInputStream()) {
            proxy.read(new DataInputViewStreamWrapper(in));
        }
        Map<String, OperatorStateHandle.StateMetaInfo> offsets = handle.getStateNameToPartitionOffsets();
        long[] starts = offsets.values().stream()
                .mapToLong(info -> info.getOffsets().length == 0 ? Long.MAX_VALUE : info.getOffsets()[0])
                .sorted()
                .toArray();
        List<StateMetaInfoSnapshot> metas = new ArrayList<>(proxy.getOperatorStateMetaInfoSnapshots());
        metas.addAll(proxy.getBroadcastStateMetaInfoSnapshots());
        for (StateMetaInfoSnapshot meta : metas) {
            OperatorStateHandle.StateMetaInfo info = offsets.get(meta.getName());
            StateTally tally =
                    states.computeIfAbsent("operator/" + meta.getName(), k -> StateTally.operator(meta, info));
            if (info != null && info.getOffsets().length > 0) {
                long start = info.getOffsets()[0];
                int next = Arrays.binarySearch(starts, start) + 1;
                long end =
                        next < starts.length && starts[next] != Long.MAX_VALUE ? starts[next] : handle.getStateSize();
                tally.add(end - start);
            }
        }
    }

    /** Adds up one named state over the subtasks' handles. */
    private static final class StateTally {
        private final String name;
        private final StateScope scope;
        private final String kind;
        private final String notBrowsableReason;
        private long bytes;
        private long entries;
        private boolean sizeKnown = true;

        private StateTally(String name, StateScope scope, String kind, String notBrowsableReason) {
            this.name = name;
            this.scope = scope;
            this.kind = kind;
            this.notBrowsableReason = notBrowsableReason;
        }

        /** @param keySnapshot the key's serializer snapshot; null where the browser cannot read the format at all */
        static StateTally keyed(StateMetaInfoSnapshot meta, TypeSerializerSnapshot<?> keySnapshot) {
            String why = keySnapshot == null ? NATIVE_ROCKSDB : BrowsableTypes.whyNot(meta, keySnapshot);
            if (meta.getBackendStateType() == StateMetaInfoSnapshot.BackendStateType.PRIORITY_QUEUE) {
                return new StateTally(meta.getName(), StateScope.KEYED, "TIMERS", why);
            }
            String type = meta.getOption(StateMetaInfoSnapshot.CommonOptionsKeys.KEYED_STATE_TYPE);
            return new StateTally(meta.getName(), StateScope.KEYED, type == null ? "UNKNOWN" : type, why);
        }

        static StateTally operator(StateMetaInfoSnapshot meta, OperatorStateHandle.StateMetaInfo info) {
            String why = BrowsableTypes.whyNot(meta, null);
            if (meta.getBackendStateType() == StateMetaInfoSnapshot.BackendStateType.BROADCAST) {
                return new StateTally(meta.getName(), StateScope.OPERATOR, "BROADCAST", why);
            }
            boolean union = info != null && info.getDistributionMode() == OperatorStateHandle.Mode.UNION;
            return new StateTally(meta.getName(), StateScope.OPERATOR, union ? "UNION" : "LIST", why);
        }

        void add(long entryBytes) {
            bytes += entryBytes;
            entries++;
        }

        void sizeUnknown() {
            sizeKnown = false;
        }

        StateContents contents() {
            return new StateContents(
                    name,
                    scope,
                    kind,
                    sizeKnown ? bytes : null,
                    sizeKnown && scope == StateScope.KEYED ? entries : null,
                    notBrowsableReason);
        }
    }
}

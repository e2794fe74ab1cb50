package dev.stateset.console.engine.inspect;

import dev.stateset.console.base.DependencyFailureException;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.state.AbstractIncrementalStateHandle;
import org.apache.flink.runtime.state.KeyGroupsStateHandle;
import org.apache.flink.runtime.state.KeyedBackendSerializationProxy;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.runtime.state.metainfo.StateMetaInfoSnapshot;
import org.apache.flink.runtime.state.metainfo.StateMetaInfoSnapshot.CommonSerializerKeys;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Pages through one keyed state of a snapshot, key by key, or looks one key up: Flink's State Processor API reading the
 * snapshot on a bounded local environment ({@link LocalReadCluster}: one slot, batch mode), never on the cluster the
 * job runs on. Types are rebuilt from the snapshot's own serializer snapshots, so any snapshot format Flink
 * restores (canonical, native, retained checkpoints) is read the same way.
 *
 * <p>Limits: one read at a time per console, a read gives up after {@code stateset.state-browser.timeout}, an operator
 * whose state is larger than {@code max-state-bytes} is not read (the heap backend restores it whole), and each value's
 * text is cut at {@code max-value-chars}. Why the State Processor API and not a decoder of our own: DD013.
 */
@Component
public class KeyedStateBrowser {

    /** One key of the state and its value as text (JSON for POJOs, Rows, tuples, lists and maps). */
    public record StateEntry(String key, String value) {}

    /** A page of keys in the snapshot's key-group order; {@code more} when keys follow it. */
    public record StatePage(List<StateEntry> entries, boolean more) {}

    /**
     * Which snapshot, operator and state to read.
     *
     * @param jar the job's jar when the console has it: its classes (POJO state) travel with the read
     */
    public record StateAddress(
            String location, String uidHash, String stateName, ClassLoader classLoader, Optional<Path> jar) {}

    /** The state cannot be browsed, and why (the words are shown to the user; HTTP 409). */
    public static final class NotBrowsableException extends DependencyFailureException {
        public NotBrowsableException(String reason) {
            super(Kind.REFUSED, "Not browsable", reason, null);
        }
    }

    /** Another read holds the browser, a read ran out of time, or storage failed: later may work (HTTP 503). */
    public static final class StateUnreadableException extends DependencyFailureException {
        public StateUnreadableException(String message, Throwable cause) {
            super(Kind.UNAVAILABLE, "State not read", message, cause);
        }
    }

    private final LocalReadCluster cluster;
    private final Duration timeout;
    private final long maxStateBytes;
    private final int maxValueChars;
    /** One local cluster at a time: each one is a few hundred MB of heap at peak. */
    private final Semaphore oneRead = new Semaphore(1);

    private final ExecutorService collectors = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "state-browser");
        thread.setDaemon(true);
        return thread;
    });

    public KeyedStateBrowser(
            LocalReadCluster cluster,
            @Value("${stateset.state-browser.timeout:60s}") Duration timeout,
            @Value("${stateset.state-browser.max-state-bytes:256MB}") org.springframework.util.unit.DataSize maxState,
            @Value("${stateset.state-browser.max-value-chars:2000}") int maxValueChars) {
        this.cluster = cluster;
        this.timeout = timeout;
        this.maxStateBytes = maxState.toBytes();
        this.maxValueChars = maxValueChars;
    }

    /**
     * Keys {@code offset} to {@code offset + limit - 1}, with their values unless {@code withValues} is false (then
     * values stay inside the local job, and each entry's value is null).
     */
    public StatePage page(StateAddress address, int offset, int limit, boolean withValues) {
        List<StateEntry> read = run(address, null, offset + limit + 1, withValues);
        List<StateEntry> page = read.subList(Math.min(offset, read.size()), Math.min(offset + limit, read.size()));
        return new StatePage(List.copyOf(page), read.size() > offset + limit);
    }

    /** The key whose text is exactly {@code key}, when the state holds it. */
    public Optional<StateEntry> lookup(StateAddress address, String key, boolean withValues) {
        return run(address, key, 1, withValues).stream().findFirst();
    }

    private List<StateEntry> run(StateAddress address, String onlyKey, int atMost, boolean withValues) {
        StateReading reading = prepare(address);
        try {
            if (!oneRead.tryAcquire(5, TimeUnit.SECONDS)) {
                throw new StateUnreadableException(
                        "The state browser is reading another snapshot; try again in a moment", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateUnreadableException("Interrupted while waiting for the state browser", null);
        }
        try {
            return collect(address, reading, onlyKey, atMost, withValues);
        } finally {
            oneRead.release();
        }
    }

    private List<StateEntry> collect(
            StateAddress address, StateReading reading, String onlyKey, int atMost, boolean withValues) {
        Configuration conf = new Configuration();
        address.jar()
                .ifPresent(jar ->
                        conf.set(PipelineOptions.JARS, List.of(jar.toUri().toString())));
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(address.classLoader());
        try {
            StreamExecutionEnvironment env = cluster.environment(conf, address.classLoader());
            var rows = SavepointReader.read(env, address.location(), new HashMapStateBackend())
                    .readKeyedState(
                            OperatorIdentifier.forUidHash(address.uidHash()),
                            new StateEntryReader<>(
                                    reading.kind,
                                    address.stateName(),
                                    reading.serializers,
                                    onlyKey,
                                    withValues ? maxValueChars : 0),
                            new RestoredType<>(reading.keySerializer),
                            Types.TUPLE(Types.BOOLEAN, Types.STRING, Types.STRING))
                    .filter(row -> row.f0);
            CloseableIterator<Tuple3<Boolean, String, String>> iterator =
                    rows.executeAndCollect("State browser: " + address.stateName());
            Future<List<StateEntry>> taken = collectors.submit(() -> {
                List<StateEntry> entries = new ArrayList<>();
                while (entries.size() < atMost && iterator.hasNext()) {
                    Tuple3<Boolean, String, String> row = iterator.next();
                    entries.add(new StateEntry(row.f1, row.f2));
                }
                return entries;
            });
            try {
                return taken.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new StateUnreadableException(
                        "Reading the state took longer than " + timeout.toSeconds()
                                + " s and was stopped; look one key up instead of paging this far",
                        e);
            } finally {
                taken.cancel(true);
                iterator.close(); // cancels the local job when it is still reading
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateUnreadableException("Interrupted while reading the state", null);
        } catch (StateUnreadableException | NotBrowsableException e) {
            throw e;
        } catch (Exception e) {
            throw new StateUnreadableException("Cannot read the state: " + rootMessage(e), e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** The state's kind and the serializers the snapshot describes, checked before any cluster starts. */
    private record StateReading(String kind, TypeSerializer<?> keySerializer, List<TypeSerializer<?>> serializers) {}

    private StateReading prepare(StateAddress address) {
        CheckpointMetadata checkpoint = metadata(address);
        OperatorState operator = checkpoint.getOperatorStates().stream()
                .filter(o -> o.getOperatorID().toHexString().equals(address.uidHash()))
                .findFirst()
                .orElseThrow(() -> new NotBrowsableException("The snapshot has no operator " + address.uidHash()));
        if (operator.getStateSize() > maxStateBytes) {
            throw new NotBrowsableException(
                    "The operator holds " + operator.getStateSize() + " bytes of state, more than"
                            + " the browser reads (stateset.state-browser.max-state-bytes = " + maxStateBytes + ")");
        }
        KeyedBackendSerializationProxy<?> proxy = keyedProxy(operator, address.classLoader());
        StateMetaInfoSnapshot meta = proxy.getStateMetaInfoSnapshots().stream()
                .filter(m -> m.getName().equals(address.stateName())
                        && m.getBackendStateType() == StateMetaInfoSnapshot.BackendStateType.KEY_VALUE)
                .findFirst()
                .orElseThrow(() -> new NotBrowsableException(
                        "The operator has no keyed state named \"" + address.stateName() + "\""));
        String kind = meta.getOption(StateMetaInfoSnapshot.CommonOptionsKeys.KEYED_STATE_TYPE);
        if (!List.of("VALUE", "LIST", "MAP").contains(kind)) {
            throw new NotBrowsableException(kind + " state is not browsable; value, list and map state are");
        }
        TypeSerializer<?> namespace =
                restore(meta.getTypeSerializerSnapshot(CommonSerializerKeys.NAMESPACE_SERIALIZER));
        if (!(namespace instanceof VoidNamespaceSerializer)) {
            throw new NotBrowsableException("State kept per window or namespace is not browsable");
        }
        TypeSerializer<?> key = restore(proxy.getKeySerializerSnapshot());
        TypeSerializer<?> value = restore(meta.getTypeSerializerSnapshot(CommonSerializerKeys.VALUE_SERIALIZER));
        List<TypeSerializer<?>> serializers = switch (kind) {
            case "LIST" -> List.of(BrowsableTypes.listElement(value));
            case "MAP" -> BrowsableTypes.mapKeyAndValue(value);
            default -> List.of(value);
        };
        BrowsableTypes.check("key", key);
        serializers.forEach(s -> BrowsableTypes.check("value", s));
        return new StateReading(kind, key, serializers);
    }

    private static CheckpointMetadata metadata(StateAddress address) {
        org.apache.flink.core.fs.Path file = new org.apache.flink.core.fs.Path(address.location(), "_metadata");
        try (FSDataInputStream in = file.getFileSystem().open(file)) {
            return Checkpoints.loadCheckpointMetadata(
                    new DataInputStream(in), address.classLoader(), address.location());
        } catch (IOException e) {
            throw new StateUnreadableException("Cannot read the snapshot at " + address.location() + ": " + e, e);
        }
    }

    /** The first keyed handle's serialization proxy: every subtask writes the same state descriptions. */
    private static KeyedBackendSerializationProxy<?> keyedProxy(OperatorState operator, ClassLoader loader) {
        for (OperatorSubtaskState subtask : operator.getStates()) {
            for (KeyedStateHandle handle : subtask.getManagedKeyedState()) {
                try (FSDataInputStream in = proxyStream(handle)) {
                    if (in != null) {
                        KeyedBackendSerializationProxy<?> proxy = new KeyedBackendSerializationProxy<>(loader);
                        proxy.read(new org.apache.flink.core.memory.DataInputViewStreamWrapper(in));
                        return proxy;
                    }
                } catch (IOException e) {
                    throw new StateUnreadableException("Cannot read the operator's state description: " + e, e);
                }
            }
        }
        throw new NotBrowsableException("The operator holds no keyed state");
    }

    private static FSDataInputStream proxyStream(KeyedStateHandle handle) throws IOException {
        if (handle instanceof KeyGroupsStateHandle groups) {
            return groups.openInputStream();
        }
        if (handle instanceof AbstractIncrementalStateHandle incremental) {
            return incremental.getMetaDataStateHandle().openInputStream();
        }
        return null;
    }

    private static TypeSerializer<?> restore(TypeSerializerSnapshot<?> snapshot) {
        if (snapshot == null) {
            throw new NotBrowsableException("The snapshot does not describe this state's types");
        }
        try {
            return snapshot.restoreSerializer();
        } catch (RuntimeException e) {
            throw new NotBrowsableException("The state's types cannot be rebuilt here (" + rootMessage(e)
                    + "); is the job's jar still known to the console?");
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}

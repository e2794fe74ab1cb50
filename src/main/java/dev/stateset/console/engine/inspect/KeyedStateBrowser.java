package dev.stateset.console.engine.inspect;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.stateset.console.base.DependencyFailureException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.IntSerializer;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.state.AbstractIncrementalStateHandle;
import org.apache.flink.runtime.state.KeyGroupsStateHandle;
import org.apache.flink.runtime.state.KeyedBackendSerializationProxy;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.runtime.state.metainfo.StateMetaInfoSnapshot;
import org.apache.flink.state.api.input.KeyedStateInputFormat;
import org.apache.flink.state.api.input.SourceBuilder;
import org.apache.flink.state.api.input.operator.KeyedStateReaderOperator;
import org.apache.flink.state.api.runtime.MutableConfig;
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
 * <p>Each local job restores one run of whole key groups ({@link KeyGroupChunks}, about {@code chunk-bytes}), not the
 * whole operator. Limits: one read at a time per console, all of a request's jobs within
 * {@code stateset.state-browser.timeout}, no key group above {@code max-state-bytes}, each value's text cut at
 * {@code max-value-chars}. Why the State Processor API, and what was measured: DD013.
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
    private final long chunkBytes;
    private final int maxValueChars;
    /** One read at a time: each restores up to a run of key groups on the heap. */
    private final Semaphore oneRead = new Semaphore(1);
    /** Keys per run of key groups, remembered once a run was read whole: deeper pages skip those runs. */
    private final Cache<String, Integer> keysPerChunk =
            Caffeine.newBuilder().maximumSize(100_000).build();

    private final ExecutorService collectors = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "state-browser");
        thread.setDaemon(true);
        return thread;
    });

    public KeyedStateBrowser(
            LocalReadCluster cluster,
            @Value("${stateset.state-browser.timeout:60s}") Duration timeout,
            @Value("${stateset.state-browser.max-state-bytes:256MB}") org.springframework.util.unit.DataSize maxState,
            @Value("${stateset.state-browser.chunk-bytes:1MB}") org.springframework.util.unit.DataSize chunk,
            @Value("${stateset.state-browser.max-value-chars:2000}") int maxValueChars) {
        this.cluster = cluster;
        this.timeout = timeout;
        this.maxStateBytes = maxState.toBytes();
        this.chunkBytes = chunk.toBytes();
        this.maxValueChars = maxValueChars;
    }

    /**
     * Keys {@code offset} to {@code offset + limit - 1}, with their values unless {@code withValues} is false (then
     * values stay inside the local job, and each entry's value is null). Runs of key groups are read in order until
     * the page (and one key past it) is found; runs read whole before are skipped by their remembered key counts.
     */
    public StatePage page(StateAddress address, int offset, int limit, boolean withValues) {
        return exclusively(address, (reading, deadline) -> {
            List<StateEntry> page = new ArrayList<>();
            int skip = offset;
            for (int chunk = 0; chunk < reading.chunks.size(); chunk++) {
                String countKey = countKey(address, reading, chunk);
                Integer known = keysPerChunk.getIfPresent(countKey);
                if (known != null && skip >= known) {
                    skip -= known;
                    continue;
                }
                // Past a full page, one key tells there are more.
                int want = page.size() == limit ? 1 : skip + limit - page.size() + 1;
                List<StateEntry> rows = read(address, reading, chunk, null, want, withValues, deadline);
                if (rows.size() < want) {
                    keysPerChunk.put(countKey, rows.size());
                }
                if (page.size() == limit) {
                    if (!rows.isEmpty()) {
                        return new StatePage(List.copyOf(page), true);
                    }
                    continue;
                }
                if (rows.size() <= skip) {
                    skip -= rows.size();
                    continue;
                }
                List<StateEntry> taken = rows.subList(skip, rows.size());
                skip = 0;
                int room = limit - page.size();
                page.addAll(taken.subList(0, Math.min(room, taken.size())));
                if (taken.size() > room) {
                    return new StatePage(List.copyOf(page), true);
                }
            }
            return new StatePage(List.copyOf(page), false);
        });
    }

    /**
     * The key whose text is exactly {@code key}, when the state holds it. A String or number key is read from the one
     * run its key group is in; other keys by reading runs in order until found.
     */
    public Optional<StateEntry> lookup(StateAddress address, String key, boolean withValues) {
        return exclusively(address, (reading, deadline) -> {
            Optional<Object> typed = typedKey(reading.keySerializer, key);
            if (typed.isPresent()) {
                int chunk = reading.chunks.chunkOf(typed.get());
                return read(address, reading, chunk, key, 1, withValues, deadline).stream()
                        .findFirst();
            }
            for (int chunk = 0; chunk < reading.chunks.size(); chunk++) {
                List<StateEntry> found = read(address, reading, chunk, key, 1, withValues, deadline);
                if (!found.isEmpty()) {
                    return Optional.of(found.get(0));
                }
            }
            return Optional.<StateEntry>empty();
        });
    }

    /** The key as Flink deserializes it, for key types whose text says it exactly (String, integers). */
    private static Optional<Object> typedKey(TypeSerializer<?> keySerializer, String text) {
        try {
            if (keySerializer instanceof StringSerializer) {
                return Optional.of(text);
            }
            if (keySerializer instanceof LongSerializer) {
                return Optional.of(Long.parseLong(text));
            }
            if (keySerializer instanceof IntSerializer) {
                return Optional.of(Integer.parseInt(text));
            }
        } catch (NumberFormatException notANumber) {
            return Optional.empty(); // read by scanning: the text matches no key, and the scan says so
        }
        return Optional.empty();
    }

    private interface Reads<T> {
        T apply(StateReading reading, long deadline) throws Exception;
    }

    /** Prepares the reading (no cluster yet), then holds the browser for the reads, under one deadline. */
    private <T> T exclusively(StateAddress address, Reads<T> reads) {
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
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(address.classLoader());
        try {
            return reads.apply(reading, System.nanoTime() + timeout.toNanos());
        } catch (StateUnreadableException | NotBrowsableException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateUnreadableException("Interrupted while reading the state", null);
        } catch (Exception e) {
            throw new StateUnreadableException("Cannot read the state: " + rootMessage(e), e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
            oneRead.release();
        }
    }

    private static String countKey(StateAddress address, StateReading reading, int chunk) {
        return address.location() + "|" + address.uidHash() + "|" + address.stateName() + "|"
                + reading.chunks.range(chunk);
    }

    /** One local job over one run of key groups: up to {@code atMost} keys (those matching {@code onlyKey}). */
    private List<StateEntry> read(
            StateAddress address,
            StateReading reading,
            int chunk,
            String onlyKey,
            int atMost,
            boolean withValues,
            long deadline)
            throws Exception {
        Configuration conf = new Configuration();
        address.jar()
                .ifPresent(jar ->
                        conf.set(PipelineOptions.JARS, List.of(jar.toUri().toString())));
        StreamExecutionEnvironment env = cluster.environment(conf, address.classLoader());
        KeyedStateInputFormat<Object, VoidNamespace, Tuple3<Boolean, String, String>> format =
                new KeyedStateInputFormat<>(
                        reading.chunks.restrictedTo(chunk),
                        new HashMapStateBackend(),
                        MutableConfig.of(env.getConfiguration()),
                        new KeyedStateReaderOperator<>(
                                new StateEntryReader<>(
                                        reading.kind,
                                        address.stateName(),
                                        reading.serializers,
                                        onlyKey,
                                        withValues ? maxValueChars : 0),
                                new RestoredType<>(reading.keySerializer)),
                        env.getConfig());
        var rows = SourceBuilder.fromFormat(env, format, Types.TUPLE(Types.BOOLEAN, Types.STRING, Types.STRING))
                .filter(row -> row.f0);
        CloseableIterator<Tuple3<Boolean, String, String>> iterator =
                rows.executeAndCollect("State browser: " + address.stateName() + " " + reading.chunks.range(chunk));
        Future<List<StateEntry>> taken = collectors.submit(() -> {
            List<StateEntry> entries = new ArrayList<>();
            while (entries.size() < atMost && iterator.hasNext()) {
                Tuple3<Boolean, String, String> row = iterator.next();
                entries.add(new StateEntry(row.f1, row.f2));
            }
            return entries;
        });
        try {
            return taken.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new StateUnreadableException(
                    "Reading the state took longer than " + timeout.toSeconds()
                            + " s and was stopped; look one key up instead of paging this far",
                    e);
        } catch (ExecutionException e) {
            throw new StateUnreadableException("Cannot read the state: " + rootMessage(e), e);
        } finally {
            taken.cancel(true);
            iterator.close(); // cancels the local job when it is still reading
        }
    }

    /** The state's kind and the serializers the snapshot describes, checked before any cluster starts. */
    private record StateReading(
            String kind, TypeSerializer<?> keySerializer, List<TypeSerializer<?>> serializers, KeyGroupChunks chunks) {}

    private StateReading prepare(StateAddress address) {
        CheckpointMetadata checkpoint = metadata(address);
        OperatorState operator = checkpoint.getOperatorStates().stream()
                .filter(o -> o.getOperatorID().toHexString().equals(address.uidHash()))
                .findFirst()
                .orElseThrow(() -> new NotBrowsableException("The snapshot has no operator " + address.uidHash()));
        KeyedBackendSerializationProxy<?> proxy = keyedProxy(operator, address.classLoader());
        StateMetaInfoSnapshot meta = proxy.getStateMetaInfoSnapshots().stream()
                .filter(m -> m.getName().equals(address.stateName())
                        && m.getBackendStateType() == StateMetaInfoSnapshot.BackendStateType.KEY_VALUE)
                .findFirst()
                .orElseThrow(() -> new NotBrowsableException(
                        "The operator has no keyed state named \"" + address.stateName() + "\""));
        BrowsableTypes.StateTypes types = BrowsableTypes.of(meta, proxy.getKeySerializerSnapshot());
        return new StateReading(
                types.kind(), types.key(), types.serializers(), KeyGroupChunks.of(operator, chunkBytes, maxStateBytes));
    }

    private static CheckpointMetadata metadata(StateAddress address) {
        try {
            return SnapshotFiles.metadata(address.location(), address.classLoader());
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
                        return SnapshotFiles.keyedProxy(in, loader);
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

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}

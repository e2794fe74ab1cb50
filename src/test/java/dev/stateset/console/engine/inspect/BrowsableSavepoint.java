package dev.stateset.console.engine.inspect;

import dev.stateset.console.engine.inspect.KeyedStateBrowser.StateAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.OperatorTransformation;
import org.apache.flink.state.api.SavepointWriter;
import org.apache.flink.state.api.functions.KeyedStateBootstrapFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Row;
import org.springframework.util.unit.DataSize;

/**
 * A savepoint written with Flink's own SavepointWriter for the state browser's test and benchmark: one keyed operator
 * ({@value #UID}) keyed by {@code key-<i>}, holding every kind of state the browser reads — {@code count} (i × 10),
 * {@code profile} (a POJO), {@code row}, {@code events} (a list), {@code scores} (a map) — and {@code opaque}, a
 * Kryo-serialized type it must refuse.
 */
public final class BrowsableSavepoint {

    public static final String UID = "stateful";

    private BrowsableSavepoint() {}

    /** A Flink POJO: public, a no-argument constructor, public fields. */
    public static class Profile {
        public String name;
        public int visits;
        public List<String> tags;

        public Profile() {}
    }

    /** No no-argument constructor: Flink falls back to Kryo. */
    public static class Opaque {
        final String secret;

        public Opaque(String secret) {
            this.secret = secret;
        }
    }

    static final TypeInformation<Row> ROW = Types.ROW_NAMED(new String[] {"city", "total"}, Types.STRING, Types.LONG);

    static final class Bootstrap extends KeyedStateBootstrapFunction<String, Integer> {
        transient ValueState<Long> count;
        transient ValueState<Profile> profile;
        transient ValueState<Row> row;
        transient ListState<String> events;
        transient MapState<String, Integer> scores;
        transient ValueState<Opaque> opaque;

        @Override
        public void open(OpenContext context) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
            profile = getRuntimeContext().getState(new ValueStateDescriptor<>("profile", Types.POJO(Profile.class)));
            row = getRuntimeContext().getState(new ValueStateDescriptor<>("row", ROW));
            events = getRuntimeContext().getListState(new ListStateDescriptor<>("events", Types.STRING));
            scores = getRuntimeContext().getMapState(new MapStateDescriptor<>("scores", Types.STRING, Types.INT));
            opaque = getRuntimeContext()
                    .getState(new ValueStateDescriptor<>("opaque", TypeInformation.of(Opaque.class)));
        }

        @Override
        public void processElement(Integer i, Context context) throws Exception {
            count.update(i * 10L);
            Profile p = new Profile();
            p.name = "user " + i;
            p.visits = i;
            p.tags = List.of("a", "b");
            profile.update(p);
            row.update(Row.of("city-" + i, (long) i));
            events.add("first-" + i);
            events.add("second-" + i);
            scores.put("math", i);
            opaque.update(new Opaque("s" + i));
        }
    }

    /** Just {@code count}: the operator of a plain keyed counter. */
    static final class CountOnly extends KeyedStateBootstrapFunction<String, Integer> {
        transient ValueState<Long> count;

        @Override
        public void open(OpenContext context) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
        }

        @Override
        public void processElement(Integer i, Context context) throws Exception {
            count.update(i * 10L);
        }
    }

    static final class WithTtl extends KeyedStateBootstrapFunction<String, Integer> {
        transient ValueState<String> session;

        @Override
        public void open(OpenContext context) {
            ValueStateDescriptor<String> descriptor = new ValueStateDescriptor<>("session", Types.STRING);
            descriptor.enableTimeToLive(
                    StateTtlConfig.newBuilder(Duration.ofHours(1)).build());
            session = getRuntimeContext().getState(descriptor);
        }

        @Override
        public void processElement(Integer i, Context context) throws Exception {
            session.update("s" + i);
        }
    }

    /** Writes a savepoint of {@code keys} keys, every state, under target/test-data and returns its directory. */
    public static Path write(int keys) throws Exception {
        return write(keys, true);
    }

    /** @param everyState false for the {@code count} state alone */
    public static Path write(int keys, boolean everyState) throws Exception {
        return write(keys, everyState ? new Bootstrap() : new CountOnly());
    }

    /** A savepoint whose operator holds {@code session}, a value state with a time-to-live of an hour. */
    public static Path writeWithTtl(int keys) throws Exception {
        return write(keys, new WithTtl());
    }

    private static Path write(int keys, KeyedStateBootstrapFunction<String, Integer> function) throws Exception {
        Path savepoint = Files.createDirectories(Path.of("target", "test-data"))
                .resolve("browser-" + System.nanoTime())
                .toAbsolutePath();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.setParallelism(1);
        var numbers = env.fromSequence(0, keys - 1).map(Long::intValue).returns(Types.INT);
        var transformation = OperatorTransformation.bootstrapWith(numbers)
                .keyBy(i -> "key-" + i, Types.STRING)
                .transform(function);
        SavepointWriter.newSavepoint(env, new HashMapStateBackend(), 128)
                .withOperator(OperatorIdentifier.forUid(UID), transformation)
                .write(savepoint.toUri().toString());
        env.execute("write a savepoint for the browser");
        return savepoint;
    }

    /** Where {@code state} of the savepoint's operator is. */
    public static StateAddress state(Path savepoint, String state) {
        return new StateAddress(
                savepoint.toUri().toString(),
                OperatorIdentifier.forUid(UID).getOperatorId().toHexString(),
                state,
                BrowsableSavepoint.class.getClassLoader(),
                Optional.empty());
    }

    /** A browser on its own local read cluster, outside Spring; closing it stops the cluster. */
    public record Browsing(KeyedStateBrowser browser, LocalReadCluster cluster) implements AutoCloseable {
        @Override
        public void close() {
            cluster.shutdown();
        }
    }

    public static Browsing open(Duration timeout, DataSize maxState, DataSize chunk, int maxValueChars) {
        LocalReadCluster cluster = new LocalReadCluster(Duration.ofMinutes(5), Map.of());
        return new Browsing(new KeyedStateBrowser(cluster, timeout, maxState, chunk, maxValueChars), cluster);
    }
}

package dev.stateset.console.engine.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stateset.console.engine.inspect.KeyedStateBrowser.NotBrowsableException;
import dev.stateset.console.engine.inspect.KeyedStateBrowser.StateAddress;
import dev.stateset.console.engine.inspect.KeyedStateBrowser.StateEntry;
import dev.stateset.console.engine.inspect.KeyedStateBrowser.StatePage;
import dev.stateset.console.engine.inspect.KeyedStateBrowser.StateUnreadableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * The browser on a savepoint written with Flink's own SavepointWriter, holding one keyed operator with every kind of
 * state the browser reads (value of Long, POJO and Row; list; map) and one it must refuse (a Kryo type): pages follow
 * each other without gaps, a key is looked up by its text, values read as JSON, and the Kryo state is named.
 */
class KeyedStateBrowserTest {

    static final int KEYS = 1_000;
    static final String UID = "stateful";
    static Path savepoint;

    static final LocalReadCluster CLUSTER = new LocalReadCluster(Duration.ofMinutes(5), Map.of());

    final KeyedStateBrowser browser =
            new KeyedStateBrowser(CLUSTER, Duration.ofSeconds(120), DataSize.ofMegabytes(64), 200);

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

    @AfterAll
    static void stopCluster() {
        CLUSTER.shutdown();
    }

    @BeforeAll
    static void writeSavepoint() throws Exception {
        savepoint = Files.createDirectories(Path.of("target", "test-data"))
                .resolve("browser-" + System.nanoTime())
                .toAbsolutePath();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.setParallelism(1);
        var numbers = env.fromSequence(0, KEYS - 1).map(Long::intValue).returns(Types.INT);
        var transformation = OperatorTransformation.bootstrapWith(numbers)
                .keyBy(i -> "key-" + i, Types.STRING)
                .transform(new Bootstrap());
        SavepointWriter.newSavepoint(env, new HashMapStateBackend(), 128)
                .withOperator(OperatorIdentifier.forUid(UID), transformation)
                .write(savepoint.toUri().toString());
        env.execute("write a savepoint for the browser");
    }

    StateAddress state(String name) {
        return new StateAddress(
                savepoint.toUri().toString(),
                OperatorIdentifier.forUid(UID).getOperatorId().toHexString(),
                name,
                getClass().getClassLoader(),
                Optional.empty());
    }

    @Test
    void pages_cover_every_key_once_and_a_key_is_looked_up_by_its_text() {
        long started = System.nanoTime();
        StatePage first = browser.page(state("count"), 0, 400, true);
        System.out.printf("first page of 400: %d ms%n", (System.nanoTime() - started) / 1_000_000);
        StatePage second = browser.page(state("count"), 400, 400, true);
        StatePage last = browser.page(state("count"), 800, 400, true);
        assertThat(first.more()).isTrue();
        assertThat(second.more()).isTrue();
        assertThat(last.more()).isFalse();
        assertThat(last.entries()).hasSize(200);
        Set<String> keys = new HashSet<>();
        for (StatePage page : List.of(first, second, last)) {
            for (StateEntry entry : page.entries()) {
                assertThat(keys.add(entry.key()))
                        .as("each key once: " + entry.key())
                        .isTrue();
                int i = Integer.parseInt(entry.key().substring("key-".length()));
                assertThat(entry.value()).isEqualTo(String.valueOf(i * 10L));
            }
        }
        assertThat(keys).hasSize(KEYS);

        started = System.nanoTime();
        assertThat(browser.lookup(state("count"), "key-731", true)).contains(new StateEntry("key-731", "7310"));
        System.out.printf("lookup: %d ms%n", (System.nanoTime() - started) / 1_000_000);
        assertThat(browser.lookup(state("count"), "key-1000", true)).isEmpty();
        assertThat(browser.page(state("count"), 0, 5, false).entries())
                .as("without values, keys only")
                .hasSize(5)
                .allSatisfy(entry -> assertThat(entry.value()).isNull());
    }

    @Test
    void pojos_rows_lists_and_maps_read_as_json() {
        assertThat(browser.lookup(state("profile"), "key-7", true).orElseThrow().value())
                .isEqualTo("{\"name\":\"user 7\",\"tags\":[\"a\",\"b\"],\"visits\":7}");
        assertThat(browser.lookup(state("row"), "key-7", true).orElseThrow().value())
                .as("a snapshot keeps a Row's field types, not its names: positions")
                .isEqualTo("[\"city-7\",7]");
        assertThat(browser.lookup(state("events"), "key-7", true).orElseThrow().value())
                .isEqualTo("[\"first-7\",\"second-7\"]");
        assertThat(browser.lookup(state("scores"), "key-7", true).orElseThrow().value())
                .isEqualTo("{\"math\":7}");
    }

    @Test
    void kryo_state_and_unknown_names_are_refused_with_the_reason() {
        assertThatThrownBy(() -> browser.page(state("opaque"), 0, 10, true))
                .isInstanceOf(NotBrowsableException.class)
                .hasMessageContaining("Kryo");
        assertThatThrownBy(() -> browser.page(state("nothing"), 0, 10, true))
                .isInstanceOf(NotBrowsableException.class)
                .hasMessageContaining("no keyed state named \"nothing\"");
        KeyedStateBrowser small = new KeyedStateBrowser(CLUSTER, Duration.ofSeconds(60), DataSize.ofBytes(100), 200);
        assertThatThrownBy(() -> small.page(state("count"), 0, 10, true))
                .isInstanceOf(NotBrowsableException.class)
                .hasMessageContaining("max-state-bytes");
    }

    @Test
    void long_values_are_cut_and_a_read_past_its_time_is_stopped_without_holding_the_browser() {
        KeyedStateBrowser terse = new KeyedStateBrowser(CLUSTER, Duration.ofSeconds(120), DataSize.ofMegabytes(64), 12);
        assertThat(terse.lookup(state("profile"), "key-7", true).orElseThrow().value())
                .isEqualTo("{\"name\":\"use… (33 more characters)");

        // A millisecond is less than submitting the local job takes: the read is stopped, its job cancelled.
        KeyedStateBrowser hasty = new KeyedStateBrowser(CLUSTER, Duration.ofMillis(1), DataSize.ofMegabytes(64), 200);
        assertThatThrownBy(() -> hasty.page(state("count"), 0, 10, true))
                .isInstanceOf(StateUnreadableException.class)
                .hasMessageContaining("took longer than");
        assertThat(browser.page(state("count"), 0, 3, true).entries())
                .as("the next read runs")
                .hasSize(3);
    }
}

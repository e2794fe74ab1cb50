package dev.stateset.console.engine.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stateset.console.engine.inspect.KeyedStateBrowser.NotBrowsableException;
import dev.stateset.console.engine.inspect.KeyedStateBrowser.StateAddress;
import dev.stateset.console.engine.inspect.KeyedStateBrowser.StateEntry;
import dev.stateset.console.engine.inspect.KeyedStateBrowser.StatePage;
import dev.stateset.console.engine.inspect.KeyedStateBrowser.StateUnreadableException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    static Path savepoint;

    static final LocalReadCluster CLUSTER = new LocalReadCluster(Duration.ofMinutes(5), Map.of());

    final KeyedStateBrowser browser = new KeyedStateBrowser(
            CLUSTER, Duration.ofSeconds(120), DataSize.ofMegabytes(64), DataSize.ofKilobytes(64), 200);

    @AfterAll
    static void stopCluster() {
        CLUSTER.shutdown();
    }

    @BeforeAll
    static void writeSavepoint() throws Exception {
        savepoint = BrowsableSavepoint.write(KEYS);
    }

    StateAddress state(String name) {
        return BrowsableSavepoint.state(savepoint, name);
    }

    @Test
    void pages_cover_every_key_once_and_a_key_is_looked_up_by_its_text() {
        StatePage first = browser.page(state("count"), 0, 400, true);
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
        assertThat(browser.lookup(state("count"), "key-731", true)).contains(new StateEntry("key-731", "7310"));
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
    void kryo_and_ttl_state_and_unknown_names_are_refused_with_the_reason() throws Exception {
        assertThatThrownBy(() -> browser.page(state("opaque"), 0, 10, true))
                .isInstanceOf(NotBrowsableException.class)
                .hasMessageContaining("Kryo");
        Path withTtl = BrowsableSavepoint.writeWithTtl(5);
        assertThatThrownBy(() -> browser.page(BrowsableSavepoint.state(withTtl, "session"), 0, 10, true))
                .isInstanceOf(NotBrowsableException.class)
                .hasMessageContaining("time-to-live");
        assertThatThrownBy(() -> browser.page(state("nothing"), 0, 10, true))
                .isInstanceOf(NotBrowsableException.class)
                .hasMessageContaining("no keyed state named \"nothing\"");
        KeyedStateBrowser small = new KeyedStateBrowser(
                CLUSTER, Duration.ofSeconds(60), DataSize.ofBytes(100), DataSize.ofKilobytes(64), 200);
        assertThatThrownBy(() -> small.page(state("count"), 0, 10, true))
                .isInstanceOf(NotBrowsableException.class)
                .hasMessageContaining("max-state-bytes");
    }

    @Test
    void the_snapshots_contents_say_which_states_are_browsable_and_why_not() {
        Map<String, String> why = new java.util.TreeMap<>();
        new SnapshotContentsReader()
                .read(savepoint.toUri().toString(), getClass().getClassLoader())
                .operators()
                .get(0)
                .states()
                .forEach(state -> why.put(state.name(), String.valueOf(state.notBrowsableReason())));
        assertThat(why)
                .containsEntry("count", "null")
                .containsEntry("profile", "null")
                .containsEntry("row", "null")
                .containsEntry("events", "null")
                .containsEntry("scores", "null");
        assertThat(why.get("opaque")).contains("Kryo");
    }

    @Test
    void long_values_are_cut_and_a_read_past_its_time_is_stopped_without_holding_the_browser() {
        KeyedStateBrowser terse = new KeyedStateBrowser(
                CLUSTER, Duration.ofSeconds(120), DataSize.ofMegabytes(64), DataSize.ofKilobytes(64), 12);
        assertThat(terse.lookup(state("profile"), "key-7", true).orElseThrow().value())
                .isEqualTo("{\"name\":\"use… (33 more characters)");

        // A millisecond is less than submitting the local job takes: the read is stopped, its job cancelled.
        KeyedStateBrowser hasty = new KeyedStateBrowser(
                CLUSTER, Duration.ofMillis(1), DataSize.ofMegabytes(64), DataSize.ofKilobytes(64), 200);
        assertThatThrownBy(() -> hasty.page(state("count"), 0, 10, true))
                .isInstanceOf(StateUnreadableException.class)
                .hasMessageContaining("took longer than");
        assertThat(browser.page(state("count"), 0, 3, true).entries())
                .as("the next read runs")
                .hasSize(3);
    }
}

package dev.stateset.console.stateset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.base.ResourceNotFoundException;
import dev.stateset.console.engine.embedded.demo.KeyedCounterJob;
import dev.stateset.console.engine.inspect.KeyedStateBrowser.StateEntry;
import dev.stateset.console.engine.inspect.SnapshotContentsReader.OperatorContents;
import dev.stateset.console.job.JobService;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.stateset.StateBrowserService.StateEntries;
import dev.stateset.console.support.ActAs;
import dev.stateset.console.support.Await;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.DemoCounts;
import dev.stateset.console.support.JobWaits;
import dev.stateset.console.support.ServiceTest;
import dev.stateset.console.workspace.WorkspaceService;
import dev.stateset.console.workspace.WorkspaceSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The keyed counter's stop snapshot browsed on the embedded engine: the count the browser reads for every key equals
 * what the job's sink reported last, page after page and by lookup; a viewer sees keys only until the owner allows
 * values; every read is audited; bad addresses get field errors.
 */
@ServiceTest
class StateBrowserTest {

    static final Duration FLINK = Duration.ofSeconds(90);
    static final int KEYS = 30;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobService jobs;

    @Autowired
    JobLifecycleService lifecycle;

    @Autowired
    SnapshotService snapshots;

    @Autowired
    StateSetService stateSets;

    @Autowired
    SnapshotContentsService contents;

    @Autowired
    StateBrowserService browser;

    @Autowired
    UserDetailsService users;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void counts_per_key_equal_the_sinks_and_viewers_see_values_only_when_the_owner_allows() {
        Demo demo = Demo.find(workspaces, jobs);
        long ws = demo.workspaceId();
        Path counts = DemoCounts.newDir("browser-");
        long job = demo.runningJob(
                jobs, lifecycle, Demo.keyedCounter("browse", "--keys " + KEYS + " --rate 200 --counts-dir " + counts));
        Await.until(FLINK, "every key counted a few times", () -> DemoCounts.min(counts, KEYS) >= 3);
        JobSnapshot stop = JobWaits.stoppedWithSnapshot(lifecycle, stateSets, jobs, FLINK, ws, job);
        Map<String, Long> sink = DemoCounts.read(counts);
        assertThat(sink).hasSize(KEYS);

        String counter = SystemIdentity.call(() -> contents.contents(ws, job, stop.id())).operators().stream()
                .filter(o -> KeyedCounterJob.COUNTER_UID.equals(o.uid()))
                .map(OperatorContents::uidHash)
                .findFirst()
                .orElseThrow();

        // Two pages of 20 as the editor: every key once, each count the sink's.
        Map<String, Long> browsed = new HashMap<>();
        StateEntries first =
                ActAs.call(users, "editor", () -> browser.page(ws, job, stop.id(), counter, "count", 0, 20));
        StateEntries second =
                ActAs.call(users, "editor", () -> browser.page(ws, job, stop.id(), counter, "count", 20, 20));
        assertThat(first.kind()).isEqualTo("VALUE");
        assertThat(first.operatorUid()).isEqualTo(KeyedCounterJob.COUNTER_UID);
        assertThat(first.stateEntries()).isEqualTo(KEYS);
        assertThat(first.valuesShown()).isTrue();
        assertThat(first.more()).isTrue();
        assertThat(second.more()).isFalse();
        for (StateEntry entry : first.entries()) {
            browsed.put(entry.key(), Long.parseLong(entry.value()));
        }
        for (StateEntry entry : second.entries()) {
            assertThat(browsed.put(entry.key(), Long.parseLong(entry.value())))
                    .as("each key once")
                    .isNull();
        }
        assertThat(browsed).isEqualTo(sink);
        StateEntries one =
                ActAs.call(users, "editor", () -> browser.lookup(ws, job, stop.id(), counter, "count", "key-7"));
        assertThat(one.entries()).containsExactly(new StateEntry("key-7", String.valueOf(sink.get("key-7"))));
        assertThat(ActAs.call(users, "editor", () -> browser.lookup(ws, job, stop.id(), counter, "count", "key-x"))
                        .entries())
                .isEmpty();

        // Each read is audited by who read, which state, and whether values were shown; never the key looked up.
        assertThat(jdbc.queryForList(
                        "select actor || ' ' || details from audit_event where action = 'snapshot.state-browse'"
                                + " and target_id = ?",
                        String.class,
                        String.valueOf(stop.id())))
                .hasSize(4)
                .contains("editor state=count, operator=" + counter + ", offset=0, limit=20, values=shown")
                .contains("editor state=count, operator=" + counter + ", lookup of one key, found, values=shown")
                .noneMatch(line -> line.contains("key-7"));

        // A viewer: keys only, until the owner allows values.
        StateEntries hidden =
                ActAs.call(users, "viewer", () -> browser.page(ws, job, stop.id(), counter, "count", 0, 5));
        assertThat(hidden.valuesShown()).isFalse();
        assertThat(hidden.entries())
                .hasSize(5)
                .allSatisfy(e -> assertThat(e.value()).isNull());
        assertThatThrownBy(() -> ActAs.run(
                        users, "viewer", () -> workspaces.saveSettings(ws, new WorkspaceSettings(null, "", true))))
                .isInstanceOf(AccessDeniedException.class);
        try {
            SystemIdentity.run(() -> workspaces.saveSettings(ws, new WorkspaceSettings(null, "", true)));
            StateEntries shown =
                    ActAs.call(users, "viewer", () -> browser.lookup(ws, job, stop.id(), counter, "count", "key-7"));
            assertThat(shown.valuesShown()).isTrue();
            assertThat(shown.entries()).containsExactly(new StateEntry("key-7", String.valueOf(sink.get("key-7"))));
        } finally {
            SystemIdentity.run(() -> workspaces.saveSettings(ws, new WorkspaceSettings(null, "", false)));
        }

        // Bad addresses: field errors or not found, before any read.
        assertThatThrownBy(() -> SystemIdentity.call(() -> browser.page(ws, job, stop.id(), "zz", "", -1, 500)))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).fieldErrors())
                        .containsKeys("uidHash", "stateName", "offset", "limit"));
        assertThatThrownBy(() -> SystemIdentity.call(() -> browser.page(ws, job, stop.id(), counter, "no-such", 0, 5)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> SystemIdentity.call(
                        () -> browser.page(ws, demo.keyedCounterJobId(), stop.id(), counter, "count", 0, 5)))
                .as("another job's snapshot")
                .isInstanceOf(ResourceNotFoundException.class);
    }
}

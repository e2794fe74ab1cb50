package dev.stateset.console.stateset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.base.ResourceNotFoundException;
import dev.stateset.console.engine.embedded.demo.KeyedCounterJob;
import dev.stateset.console.engine.inspect.SnapshotContentsReader.OperatorContents;
import dev.stateset.console.engine.inspect.SnapshotContentsReader.SnapshotContents;
import dev.stateset.console.engine.inspect.SnapshotContentsReader.StateContents;
import dev.stateset.console.engine.inspect.SnapshotContentsReader.StateScope;
import dev.stateset.console.job.JobService;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.stateset.SnapshotComparison.Change;
import dev.stateset.console.stateset.SnapshotComparison.OperatorChange;
import dev.stateset.console.stateset.SnapshotComparison.StateChange;
import dev.stateset.console.support.Await;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.DemoCounts;
import dev.stateset.console.support.JobWaits;
import dev.stateset.console.support.ServiceTest;
import dev.stateset.console.workspace.WorkspaceService;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The keyed counter's snapshots read on the embedded engine: its keyed operator and the source's operator state, with
 * bytes; two snapshots taken while new keys keep arriving compare with the keyed state's growth first; a deleted
 * snapshot is refused although its reading was cached.
 */
@ServiceTest
class SnapshotContentsTest {

    static final Duration FLINK = Duration.ofSeconds(90);

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

    @Test
    void a_snapshot_shows_its_operators_and_states_and_a_later_one_compares_with_growth_first() {
        Demo demo = Demo.find(workspaces, jobs);
        long ws = demo.workspaceId();
        Path counts = DemoCounts.newDir("contents-");
        // Keys key-0, key-1, … in turn: a new key every event until 100 000, so the keyed state grows between
        // snapshots.
        long job = demo.runningJob(
                jobs, lifecycle, Demo.keyedCounter("xray", "--keys 100000 --rate 100 --counts-dir " + counts));
        Await.until(FLINK, "keys counted", () -> DemoCounts.read(counts).size() >= 100);

        long first = snapshot(ws, job);
        SnapshotContents before = SystemIdentity.call(() -> contents.contents(ws, job, first));
        OperatorContents counter = operator(before, KeyedCounterJob.COUNTER_UID);
        assertThat(counter.stateBytes()).isPositive();
        assertThat(counter.parallelism()).isEqualTo(1);
        assertThat(counter.maxParallelism()).isPositive();
        assertThat(counter.uidHash()).hasSize(32);
        StateContents count = state(counter, "count");
        assertThat(count.scope()).isEqualTo(StateScope.KEYED);
        assertThat(count.kind()).isEqualTo("VALUE");
        assertThat(count.bytes())
                .as("canonical savepoints split bytes per state")
                .isPositive();
        assertThat(count.entries()).isGreaterThanOrEqualTo(100);
        assertThat(count.notBrowsableReason()).as("the state browser reads it").isNull();
        OperatorContents source = operator(before, KeyedCounterJob.SOURCE_UID);
        assertThat(source.states()).extracting(StateContents::scope).contains(StateScope.OPERATOR);
        assertThat(source.states())
                .allSatisfy(s -> assertThat(s.notBrowsableReason()).startsWith("Operator state is not browsable"));
        assertThat(before.operators()).as("biggest first").first().isEqualTo(counter);

        long keysAtFirst = count.entries();
        Await.until(FLINK, "more keys", () -> DemoCounts.read(counts).size() >= keysAtFirst + 500);
        long second = snapshot(ws, job);
        SnapshotComparison grown = SystemIdentity.call(() -> contents.compare(ws, job, first, second));
        assertThat(grown.growth()).isPositive();
        OperatorChange biggest = grown.operators().get(0);
        assertThat(biggest.uid()).isEqualTo(KeyedCounterJob.COUNTER_UID);
        assertThat(biggest.change()).isEqualTo(Change.CHANGED);
        assertThat(biggest.growth()).isPositive();
        StateChange countGrowth = biggest.states().get(0);
        assertThat(countGrowth.name()).isEqualTo("count");
        assertThat(countGrowth.growth()).isPositive();
        assertThat(state(operator(SystemIdentity.call(() -> contents.contents(ws, job, second)), "counter"), "count")
                        .entries())
                .isGreaterThanOrEqualTo(keysAtFirst + 500);

        // The other way round it shrinks; a snapshot of another job is compared as well; a wrong id says so.
        assertThat(SystemIdentity.call(() -> contents.compare(ws, job, second, first))
                        .growth())
                .isNegative();
        assertThatThrownBy(() -> SystemIdentity.call(() -> contents.contents(ws, demo.keyedCounterJobId(), first)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> SystemIdentity.call(() -> contents.compare(ws, job, first, 987_654_321L)))
                .isInstanceOf(ResourceNotFoundException.class);

        // Read before, cached since: once deleted it is refused all the same.
        SystemIdentity.run(() -> snapshots.delete(ws, job, first));
        assertThatThrownBy(() -> SystemIdentity.call(() -> contents.contents(ws, job, first)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("choose a COMPLETED one");
        SystemIdentity.run(() -> lifecycle.stop(ws, job, false, false, null));
    }

    private long snapshot(long ws, long job) {
        return JobWaits.completedSnapshot(snapshots, stateSets, FLINK, ws, job).id();
    }

    private static OperatorContents operator(SnapshotContents contents, String uid) {
        return contents.operators().stream()
                .filter(o -> uid.equals(o.uid()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no operator " + uid + " in " + contents));
    }

    private static StateContents state(OperatorContents operator, String name) {
        return operator.states().stream()
                .filter(s -> name.equals(s.name()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no state " + name + " in " + operator));
    }
}

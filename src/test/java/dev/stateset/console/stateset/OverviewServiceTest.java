package dev.stateset.console.stateset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stateset.console.base.ResourceNotFoundException;
import dev.stateset.console.job.JobService;
import dev.stateset.console.live.StateChange;
import dev.stateset.console.live.StateChanges;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.support.ActAs;
import dev.stateset.console.support.ControlledClockTest;
import dev.stateset.console.support.Demo;
import dev.stateset.console.workspace.EngineKind;
import dev.stateset.console.workspace.WorkspaceDraft;
import dev.stateset.console.workspace.WorkspaceRole;
import dev.stateset.console.workspace.WorkspaceService;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The Overview's reading shared by all pages that show a job: one reading until a change is heard, a fresh one after
 * it, and the access check still each caller's own.
 */
@ControlledClockTest
class OverviewServiceTest {

    static final String RUN = "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee";

    @Autowired
    OverviewService overviews;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobService jobs;

    @Autowired
    StateChanges changes;

    @Autowired
    UserDetailsService users;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void pages_of_one_job_share_a_reading_until_a_change_is_heard_and_each_caller_is_still_checked() {
        long ws = SystemIdentity.call(() -> workspaces
                .create(new WorkspaceDraft(
                        "overview-" + UUID.randomUUID().toString().substring(0, 8),
                        "",
                        "UTC",
                        EngineKind.REMOTE,
                        "http://127.0.0.1:9",
                        null))
                .id());
        SystemIdentity.run(() -> workspaces.addMember(ws, "viewer", WorkspaceRole.VIEWER));
        long job = SystemIdentity.call(
                () -> jobs.create(ws, Demo.idle("shared-overview", 1)).id());
        jdbc.update("update flink_job set status = 'RUNNING', engine_job_id = ? where id = ?", RUN, job);
        completedCheckpoint(job, 1);

        // Other jobs' changes (the demo jobs run on the embedded Flink) also start a new reading, as does a second
        // passing on a busy machine: try again until two reads had neither between them.
        OverviewService.OverviewPage first;
        OverviewService.OverviewPage viewers;
        int attempts = 0;
        boolean undisturbed;
        do {
            long heard = changes.position();
            long started = System.nanoTime();
            first = SystemIdentity.call(() -> overviews.read(ws, job, 30));
            viewers = ActAs.call(users, "viewer", () -> overviews.read(ws, job, 30));
            undisturbed = changes.position() == heard
                    && System.nanoTime() - started < OverviewService.SHARED_FOR.toNanos() / 2;
        } while (!undisturbed && ++attempts < 50);

        assertThat(undisturbed)
                .as("two reads with no change between them in 50 attempts")
                .isTrue();
        assertThat(viewers).as("the second page's reading is the first's").isSameAs(first);
        assertThat(first.recentCheckpoints())
                .extracting(SystemCheckpoint::checkpointId)
                .containsExactly(1L);
        assertThatThrownBy(() -> ActAs.call(users, "editor", () -> overviews.read(ws, job, 30)))
                .as("a non-member is refused though a reading is there to share")
                .isInstanceOf(ResourceNotFoundException.class);

        completedCheckpoint(job, 2);
        long beforeChange = changes.position();
        changes.publish(ws, job, StateChange.Kind.CHECKPOINT);
        // Delivery is asynchronous: a page hears the change (and reads again) once it is delivered.
        dev.stateset.console.support.Await.until(
                java.time.Duration.ofSeconds(10), "the change delivered", () -> changes.position() > beforeChange);
        OverviewService.OverviewPage after = ActAs.call(users, "viewer", () -> overviews.read(ws, job, 30));

        assertThat(after).isNotSameAs(first);
        assertThat(after.recentCheckpoints())
                .extracting(SystemCheckpoint::checkpointId)
                .containsExactly(2L, 1L);
        assertThat(after.overview().lastCompletedCheckpoint())
                .hasValueSatisfying(c -> assertThat(c.checkpointId()).isEqualTo(2L));
    }

    private void completedCheckpoint(long job, long id) {
        Instant end = Instant.now().minusSeconds(60 - id);
        jdbc.update(
                "insert into job_checkpoint (job_id, engine_job_id, checkpoint_id, status, trigger_time, end_time, "
                        + "duration_ms, checkpointed_size, full_size) values (?, ?, ?, 'COMPLETED', ?, ?, 100, 10, 10)",
                job,
                RUN,
                id,
                Timestamp.from(end.minusMillis(100)),
                Timestamp.from(end));
    }
}

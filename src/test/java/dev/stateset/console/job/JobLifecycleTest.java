package dev.stateset.console.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.engine.CheckpointConfiguration;
import dev.stateset.console.engine.EngineDirectory;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.stateset.JobLifecycleService;
import dev.stateset.console.support.Await;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.ServiceTest;
import dev.stateset.console.workspace.WorkspaceService;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A job's saved configuration is what Flink runs it with at its next start. */
@ServiceTest
class JobLifecycleTest {

    @Autowired
    JobService jobs;

    @Autowired
    JobLifecycleService lifecycle;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    EngineDirectory engines;

    @Test
    void saved_checkpoint_settings_are_applied_when_the_job_starts() {
        Demo demo = Demo.find(workspaces, jobs);
        long jobId = SystemIdentity.call(() -> {
            JobDetails job = jobs.create(demo.workspaceId(), Demo.keyedCounter("configured", "--rate 5"));
            jobs.updateConfiguration(
                    demo.workspaceId(),
                    job.id(),
                    new CheckpointSettings(Duration.ofSeconds(25), Duration.ofMinutes(3), Duration.ofSeconds(2), 2),
                    new StateParameters(false, Duration.ZERO, ""));
            return job.id();
        });
        JobDetails started = SystemIdentity.call(() -> lifecycle.startWithoutState(demo.workspaceId(), jobId));
        assertThat(started.engineJobId()).isNotBlank();
        assertThat(started.status()).isEqualTo(JobStatus.STARTING);

        Await.until(
                Duration.ofSeconds(60),
                "job RUNNING",
                () -> SystemIdentity.call(
                                () -> jobs.get(demo.workspaceId(), jobId).status())
                        == JobStatus.RUNNING);
        CheckpointConfiguration config = engines.embedded().checkpointConfiguration(started.engineJobId());
        assertThat(config.interval()).isEqualTo(Duration.ofSeconds(25));
        assertThat(config.timeout()).isEqualTo(Duration.ofMinutes(3));
        assertThat(config.minPause()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.retainedOnCancel())
                .as("checkpoints retained on cancel")
                .isTrue();

        assertThatThrownBy(() -> SystemIdentity.call(() -> lifecycle.startWithoutState(demo.workspaceId(), jobId)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("stop the job first");
        engines.embedded().cancel(started.engineJobId());
    }
}

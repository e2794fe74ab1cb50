package dev.stateset.console.demo;

import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.engine.embedded.DemoJobJar;
import dev.stateset.console.job.JobService;
import dev.stateset.console.job.JobStatus;
import dev.stateset.console.job.JobSummary;
import dev.stateset.console.job.StartStrategy;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.stateset.JobLifecycleService;
import dev.stateset.console.workspace.EngineKind;
import dev.stateset.console.workspace.WorkspaceService;
import dev.stateset.console.workspace.WorkspaceSummary;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Starts the built-in demo jobs on the embedded cluster when the console starts, so that a new user finds them
 * RUNNING. The embedded cluster lives and dies with the console, so after a restart they are started again, from
 * their latest retained state.
 */
@Component
@Order(20)
@ConditionalOnProperty(prefix = "stateset.demo", name = "auto-start", havingValue = "true", matchIfMissing = true)
class DemoJobStarter implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoJobStarter.class);
    private static final EnumSet<JobStatus> ACTIVE = EnumSet.of(JobStatus.RUNNING, JobStatus.STARTING);

    private final WorkspaceService workspaces;
    private final JobService jobs;
    private final JobLifecycleService lifecycle;

    DemoJobStarter(WorkspaceService workspaces, JobService jobs, JobLifecycleService lifecycle) {
        this.workspaces = workspaces;
        this.jobs = jobs;
        this.lifecycle = lifecycle;
    }

    /**
     * The embedded cluster cancels its jobs when the console stops, and their checkpoints are retained: a demo job
     * resumes from its latest state, so its counts survive a console restart. Without any state it starts fresh.
     */
    private void startFromLatestState(long workspaceId, JobSummary job) {
        try {
            lifecycle.start(
                    workspaceId,
                    job.id(),
                    new JobLifecycleService.StartRequest(StartStrategy.LATEST_STATE, null, false, null));
            log.info("Resumed demo job '{}' from its latest state on the embedded Flink cluster", job.name());
        } catch (InvalidInputException noStateYet) {
            lifecycle.startWithoutState(workspaceId, job.id());
            log.info("Started demo job '{}' on the embedded Flink cluster", job.name());
        }
    }

    @Override
    public void run(ApplicationArguments args) {
        SystemIdentity.run(() -> {
            for (WorkspaceSummary summary : workspaces.listMine()) {
                if (workspaces.get(summary.id()).engineKind() != EngineKind.EMBEDDED) {
                    continue;
                }
                jobs.refreshFromEngine(summary.id());
                for (JobSummary job : jobs.list(summary.id())) {
                    if (ACTIVE.contains(job.status())
                            || !DemoJobJar.ARTIFACT.equals(
                                    jobs.get(summary.id(), job.id()).artifact())) {
                        continue;
                    }
                    try {
                        startFromLatestState(summary.id(), job);
                    } catch (RuntimeException e) {
                        log.warn("Could not start demo job '{}': {}", job.name(), e.getMessage());
                    }
                }
            }
        });
    }
}

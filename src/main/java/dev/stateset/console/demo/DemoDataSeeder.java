package dev.stateset.console.demo;

import dev.stateset.console.engine.embedded.DemoJobJar;
import dev.stateset.console.engine.embedded.demo.KeyedCounterJob;
import dev.stateset.console.engine.embedded.demo.OrderTotalsJob;
import dev.stateset.console.job.CheckpointSettings;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobDraft;
import dev.stateset.console.job.JobService;
import dev.stateset.console.security.BootstrapProperties;
import dev.stateset.console.security.NewUser;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.security.UserService;
import dev.stateset.console.workspace.WorkspaceDetails;
import dev.stateset.console.workspace.WorkspaceDraft;
import dev.stateset.console.workspace.WorkspaceRole;
import dev.stateset.console.workspace.WorkspaceService;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The zero-configuration demo: into a database without workspaces, seeds workspace {@value #WORKSPACE} with an
 * {@code editor} and a {@code viewer} (passwords in the README) and its demo jobs. Runs after the admin
 * bootstrap, through the same services and checks as a user would, as the system actor. Off in {@code prod}.
 */
@Component
@Order(10)
class DemoDataSeeder implements ApplicationRunner {

    static final String WORKSPACE = "demo";
    static final CheckpointSettings DEMO_CHECKPOINTS =
            new CheckpointSettings(Duration.ofSeconds(10), Duration.ofMinutes(2), Duration.ZERO, 3);
    private static final Logger log = LoggerFactory.getLogger(DemoDataSeeder.class);

    private final BootstrapProperties properties;
    private final UserService users;
    private final WorkspaceService workspaces;
    private final JobService jobs;

    DemoDataSeeder(BootstrapProperties properties, UserService users, WorkspaceService workspaces, JobService jobs) {
        this.properties = properties;
        this.users = users;
        this.workspaces = workspaces;
        this.jobs = jobs;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (!properties.demo().enabled()) {
            return;
        }
        SystemIdentity.run(() -> {
            if (!workspaces.listMine().isEmpty()) {
                return;
            }
            WorkspaceDetails demo = workspaces.create(new WorkspaceDraft(
                    WORKSPACE, "Demo workspace with stateful jobs on the embedded Flink engine", "Europe/Berlin"));
            addUser(demo, "editor", "Demo Editor", properties.demo().editorPassword(), WorkspaceRole.EDITOR);
            addUser(demo, "viewer", "Demo Viewer", properties.demo().viewerPassword(), WorkspaceRole.VIEWER);
            JobDetails counter = jobs.create(
                    demo.id(),
                    new JobDraft(
                            "keyed-counter",
                            "Counts events per key in keyed ValueState (operator uids: events, counter)",
                            DemoJobJar.ARTIFACT,
                            KeyedCounterJob.class.getName(),
                            "--keys 10 --rate 20",
                            1));
            JobDetails totals = jobs.create(
                    demo.id(),
                    new JobDraft(
                            "order-totals",
                            "Sums order amounts per customer in keyed ValueState (operator uids: orders, totals)",
                            DemoJobJar.ARTIFACT,
                            OrderTotalsJob.class.getName(),
                            "--customers 25 --rate 10",
                            1));
            // Checkpoint every 10 s (the console's minimum) so a new user sees checkpoint figures within seconds.
            for (JobDetails job : new JobDetails[] {counter, totals}) {
                jobs.updateConfiguration(demo.id(), job.id(), DEMO_CHECKPOINTS, job.stateParameters());
            }
            log.info("Seeded demo workspace '{}' with users 'editor' and 'viewer'", WORKSPACE);
        });
    }

    private void addUser(
            WorkspaceDetails workspace, String username, String displayName, String password, WorkspaceRole role) {
        if (users.findByUsername(username).isEmpty()) {
            users.create(new NewUser(username, displayName, password, false));
        }
        workspaces.addMember(workspace.id(), username, role);
    }
}

package dev.stateset.console.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.job.CheckpointSettings;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobDraft;
import dev.stateset.console.job.JobService;
import dev.stateset.console.job.StateParameters;
import dev.stateset.console.security.NewUser;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.security.UserService;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.ServiceTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.annotation.Transactional;

/** Bad input is refused with a message per field, and nothing of the refused change is written. */
@ServiceTest
@Transactional
class InputValidationTest {

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobService jobs;

    @Autowired
    UserService users;

    long workspaceId;
    long jobId;

    @BeforeEach
    void workspaceWithOneJob() {
        SystemIdentity.run(() -> {
            workspaceId = workspaces
                    .create(new WorkspaceDraft("validation", "", "UTC"))
                    .id();
            jobId = jobs.create(workspaceId, Demo.idle("existing", 1)).id();
        });
    }

    @Test
    void workspace_names_must_be_present_unique_and_short() {
        assertThat(workspaceErrors(new WorkspaceDraft("  ", "", "UTC"))).containsEntry("name", "Name is required");
        assertThat(workspaceErrors(new WorkspaceDraft("VALIDATION", "", "UTC")))
                .containsEntry("name", "A workspace named 'VALIDATION' already exists");
        assertThat(workspaceErrors(new WorkspaceDraft("x".repeat(65), "", "UTC")))
                .containsEntry("name", "Name must be at most 64 characters");
    }

    @Test
    void unknown_time_zones_are_refused_and_every_problem_is_reported_at_once() {
        Map<String, String> errors = workspaceErrors(new WorkspaceDraft("", "d".repeat(501), "Mars/Olympus"));
        assertThat(errors).containsOnlyKeys("name", "description", "timeZone");
        assertThat(errors.get("timeZone")).contains("Unknown time zone 'Mars/Olympus'");
    }

    @Test
    void a_refused_workspace_is_not_half_saved() {
        int before = SystemIdentity.call(() -> workspaces.listMine().size());
        workspaceErrors(new WorkspaceDraft("fresh", "", "Nowhere/Zone"));
        assertThat(SystemIdentity.call(() -> workspaces.listMine().size())).isEqualTo(before);
    }

    @Test
    void job_names_are_unique_per_workspace_ignoring_case() {
        assertThat(jobErrors(Demo.idle("Existing", 1)))
                .containsEntry("name", "A job named 'Existing' already exists in this workspace");
        assertThat(jobErrors(new JobDraft("", "", "builtin:demo-jobs", "not a class!", "", 0)))
                .containsOnlyKeys("name", "entryClass", "parallelism");
    }

    @Test
    void a_new_job_needs_its_jar_and_entry_class_before_it_is_saved() {
        // A blank artifact was once saved and only refused at Start; the working value was findable only in the API.
        Map<String, String> errors = jobErrors(new JobDraft("no-jar", "", " ", "", "", 1));
        assertThat(errors).containsOnlyKeys("artifact", "entryClass");
        assertThat(errors.get("artifact")).contains("upload one", "builtin:demo-jobs");
    }

    @Test
    void weak_passwords_and_bad_usernames_are_refused() {
        Map<String, String> errors = userErrors(new NewUser("Bad Name", "", "short", false));
        assertThat(errors.get("username")).contains("lower-case letters");
        assertThat(errors).containsEntry("password", "Password must be at least 12 characters");
        assertThat(userErrors(new NewUser("admin", "", "long-enough-password", false)))
                .containsEntry("username", "A user with this name already exists");
        assertThat(userErrors(new NewUser("system", "", "long-enough-password", false))
                        .get("username"))
                .contains("reserved");
        assertThat(userErrors(new NewUser("carol", "", "carol", false))).containsKey("password");
    }

    @Test
    void checkpoint_configuration_is_validated_and_not_half_saved() {
        CheckpointSettings bad =
                new CheckpointSettings(Duration.ofSeconds(5), Duration.ZERO, Duration.ofSeconds(-1), 0);
        StateParameters badState = new StateParameters(true, Duration.ofMinutes(-1), "relative/dir");
        InvalidInputException e = SystemIdentity.call(() -> catchThrowableOfType(
                () -> jobs.updateConfiguration(workspaceId, jobId, bad, badState), InvalidInputException.class));
        assertThat(e.fieldErrors())
                .containsOnlyKeys("interval", "timeout", "minPause", "retained", "stateTtl", "localTempDir");
        assertThat(e.fieldErrors().get("interval")).isEqualTo("Checkpoint interval must be at least 10 seconds");

        // A valid checkpoint part with an invalid state part writes neither.
        CheckpointSettings good =
                new CheckpointSettings(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(5), 3);
        SystemIdentity.call(() -> catchThrowableOfType(
                () -> jobs.updateConfiguration(workspaceId, jobId, good, badState), InvalidInputException.class));
        JobDetails job = SystemIdentity.call(() -> jobs.get(workspaceId, jobId));
        assertThat(job.checkpoints()).isEqualTo(CheckpointSettings.defaults());

        SystemIdentity.run(() -> jobs.updateConfiguration(
                workspaceId, jobId, good, new StateParameters(true, Duration.ofDays(2), "/var/tmp/flink")));
        job = SystemIdentity.call(() -> jobs.get(workspaceId, jobId));
        assertThat(job.checkpoints()).isEqualTo(good);
        assertThat(job.stateParameters()).isEqualTo(new StateParameters(true, Duration.ofDays(2), "/var/tmp/flink"));
    }

    private Map<String, String> workspaceErrors(WorkspaceDraft draft) {
        return SystemIdentity.call(
                        () -> catchThrowableOfType(() -> workspaces.create(draft), InvalidInputException.class))
                .fieldErrors();
    }

    private Map<String, String> jobErrors(JobDraft draft) {
        return SystemIdentity.call(
                        () -> catchThrowableOfType(() -> jobs.create(workspaceId, draft), InvalidInputException.class))
                .fieldErrors();
    }

    private Map<String, String> userErrors(NewUser user) {
        return SystemIdentity.call(() -> catchThrowableOfType(() -> users.create(user), InvalidInputException.class))
                .fieldErrors();
    }
}

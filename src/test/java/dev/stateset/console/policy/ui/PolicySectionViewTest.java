package dev.stateset.console.policy.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.ButtonKt;
import com.github.mvysny.kaributesting.v10.HasValueUtilsKt;
import dev.stateset.console.job.JobService;
import dev.stateset.console.policy.PolicyService;
import dev.stateset.console.policy.SnapshotPolicy;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.KaribuViewTest;
import dev.stateset.console.workspace.WorkspaceService;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class PolicySectionViewTest extends KaribuViewTest {

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobService jobs;

    @Autowired
    PolicyService policies;

    Demo demo;
    long jobId;

    @BeforeEach
    void jobOfItsOwn() {
        demo = Demo.find(workspaces, jobs);
        jobId = SystemIdentity.call(() -> jobs.create(
                        demo.workspaceId(),
                        Demo.idle("policy-" + UUID.randomUUID().toString().substring(0, 6), 1))
                .id());
    }

    @Test
    void editor_sets_a_schedule_and_cleanup_and_sees_the_next_snapshot() {
        login("editor");
        navigate(demo.tab(jobId, "configuration"));
        PolicySection section = _get(PolicySection.class);
        HasValueUtilsKt._setValue(section.creationEnabled, true);
        HasValueUtilsKt._setValue(section.schedule, "0 3 * * MON");
        HasValueUtilsKt._setValue(section.cleanupEnabled, true);
        HasValueUtilsKt._setValue(section.keepCount, 5);
        HasValueUtilsKt._setValue(section.retentionValue, 30);
        ButtonKt._click(section.save);

        SnapshotPolicy saved = SystemIdentity.call(() -> policies.get(demo.workspaceId(), jobId));
        assertThat(saved.settings().creationEnabled()).isTrue();
        assertThat(SystemIdentity.call(() -> jobs.list(demo.workspaceId())).stream()
                        .filter(j -> j.id() == jobId)
                        .findFirst()
                        .orElseThrow()
                        .scheduleEnabled())
                .as("the job list's schedule column (JobListFacts)")
                .isTrue();
        assertThat(saved.settings().cronExpression()).isEqualTo("0 3 * * MON");
        assertThat(saved.settings().keepCount()).isEqualTo(5);
        assertThat(saved.maxRetention()).contains(java.time.Duration.ofDays(30));
        assertThat(saved.nextDueAt()).isNotNull();
        assertThat(saved.updatedBy()).isEqualTo("editor");
        assertThat(section.nextDue.getText()).contains("next snapshot");
        assertThat(section.schedule.descriptionText()).isEqualTo("At 03:00, on Monday");
    }

    @Test
    void a_saved_policy_opens_with_the_times_its_spreading_and_blackout_windows_give() {
        SystemIdentity.run(() -> policies.save(
                demo.workspaceId(),
                jobId,
                new dev.stateset.console.policy.PolicyDraft(
                        true,
                        "0 3 * * *",
                        dev.stateset.console.stateset.SnapshotFormat.CANONICAL,
                        10,
                        false,
                        10,
                        7,
                        dev.stateset.console.policy.RetentionUnit.DAYS,
                        "daily 02:00-04:00")));

        login("editor");
        navigate(demo.tab(jobId, "configuration"));
        PolicySection section = _get(PolicySection.class);

        // The preview runs once, after every field holds the saved value, and shows what all of them give.
        assertThat(section.nextDue.getText())
                .startsWith("With load spreading and out of blackout windows this job's next snapshots are due ")
                .contains("Saved schedule: next snapshot ");
    }

    @Test
    void invalid_values_are_refused_per_field_and_nothing_is_saved() {
        login("editor");
        navigate(demo.tab(jobId, "configuration"));
        PolicySection section = _get(PolicySection.class);
        HasValueUtilsKt._setValue(section.creationEnabled, true);
        HasValueUtilsKt._setValue(section.schedule, "0 3 * * 0");
        HasValueUtilsKt._setValue(section.keepCount, 0);
        HasValueUtilsKt._setValue(section.retentionValue, -5);
        ButtonKt._click(section.save);
        assertThat(section.schedule.getErrorMessage()).contains("0 is not a day");
        assertThat(section.keepCount.getErrorMessage()).isEqualTo("Enter a whole number from 1 to 1000");
        assertThat(section.retentionValue.getErrorMessage()).isEqualTo("Enter a whole number from 1 to 87600");
        assertThat(SystemIdentity.call(() -> policies.get(demo.workspaceId(), jobId))
                        .updatedAt())
                .as("nothing saved")
                .isNull();
    }

    @Test
    void viewer_sees_the_policy_read_only() {
        login("viewer");
        navigate(demo.tab(jobId, "configuration"));
        PolicySection section = _get(PolicySection.class);
        assertThat(section.save.isVisible()).isFalse();
        assertThat(section.creationEnabled.isReadOnly()).isTrue();
        assertThat(section.schedule.isReadOnly()).isTrue();
        assertThat(section.keepCount.isReadOnly()).isTrue();
    }
}

package dev.stateset.console.stateset.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.ButtonKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.HasValueUtilsKt;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import dev.stateset.console.base.ui.NotFoundView;
import dev.stateset.console.job.JobService;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.KaribuViewTest;
import dev.stateset.console.workspace.WorkspaceService;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class StateSetTabsViewTest extends KaribuViewTest {

    @Autowired WorkspaceService workspaces;
    @Autowired JobService jobs;
    Demo demo;

    @BeforeEach
    void findDemo() {
        demo = Demo.find(workspaces, jobs);
    }

    @Test
    void each_tab_is_its_own_route_and_shows_the_job() {
        login("viewer");
        navigate(demo.tab(demo.keyedCounterJobId(), "overview"));
        assertThat(_get(H2.class, s -> s.withId("job-title")).getText()).isEqualTo("keyed-counter");
        _get(OverviewView.class);
        assertThat(_get(Paragraph.class, s -> s.withId("checkpoint-note")).getText()).contains("has not run on a Flink engine");

        navigate(demo.tab(demo.keyedCounterJobId(), "configuration"));
        _get(ConfigurationView.class);
        navigate(demo.tab(demo.keyedCounterJobId(), "history"));
        HistoryView history = _get(HistoryView.class);
        assertThat(GridKt._size(history.snapshots)).isZero();
    }

    @Test
    void the_job_url_without_a_tab_opens_the_overview() {
        login("viewer");
        navigate("workspaces/" + demo.workspaceId() + "/jobs/" + demo.keyedCounterJobId());
        _get(OverviewView.class);
    }

    @Test
    void viewer_sees_configuration_read_only_without_save() {
        login("viewer");
        navigate(demo.tab(demo.keyedCounterJobId(), "configuration"));
        ConfigurationView view = _get(ConfigurationView.class);
        assertThat(view.save.isVisible()).as("Save Changes visible to a viewer").isFalse();
        assertThat(view.interval.isReadOnly()).isTrue();
        assertThat(view.localTempDir.isReadOnly()).isTrue();
        _assertNone(Button.class, s -> s.withId("edit-job"));
    }

    @Test
    void editor_saves_configuration_and_sees_field_errors_for_bad_values() {
        login("editor");
        navigate(demo.tab(demo.orderTotalsJobId(), "configuration"));
        ConfigurationView view = _get(ConfigurationView.class);
        assertThat(view.save.isVisible()).isTrue();

        HasValueUtilsKt._setValue(view.interval, 5);
        ButtonKt._click(view.save);
        assertThat(view.interval.isInvalid()).isTrue();
        assertThat(view.interval.getErrorMessage()).isEqualTo("Checkpoint interval must be at least 10 seconds");

        HasValueUtilsKt._setValue(view.interval, 30);
        HasValueUtilsKt._setValue(view.retained, 3);
        HasValueUtilsKt._setValue(view.incremental, true);
        HasValueUtilsKt._setValue(view.ttlValue, 6);
        HasValueUtilsKt._setValue(view.ttlUnit, ChronoUnit.HOURS);
        ButtonKt._click(view.save);
        assertThat(view.interval.isInvalid()).isFalse();

        var saved = SystemIdentity.call(() -> jobs.get(demo.workspaceId(), demo.orderTotalsJobId()));
        assertThat(saved.checkpoints().interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(saved.checkpoints().retained()).isEqualTo(3);
        assertThat(saved.stateParameters().incrementalCheckpoints()).isTrue();
        assertThat(saved.stateParameters().stateTtl()).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void non_numeric_or_unknown_ids_show_not_found() {
        login("viewer");
        navigate("workspaces/abc/jobs/1/state-sets/overview");
        _get(NotFoundView.class);
        navigate(demo.tab(987_654, "history"));
        _get(NotFoundView.class);
        _assertNone(HistoryView.class);
    }
}

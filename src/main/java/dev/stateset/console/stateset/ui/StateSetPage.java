package dev.stateset.console.stateset.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import dev.stateset.console.base.ui.UiAsync;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobService;
import dev.stateset.console.job.JobStatus;
import dev.stateset.console.job.ui.JobPage;
import dev.stateset.console.live.StateChanges;
import dev.stateset.console.stateset.JobLifecycleService;
import dev.stateset.console.stateset.SnapshotService;
import dev.stateset.console.stateset.StateSetService;

/** The job page with its State Set Management tabs wired to this package's three views, and Create Snapshot. */
abstract class StateSetPage extends JobPage {

    protected final StateSetService stateSets;
    protected final SnapshotService snapshotService;
    protected final JobLifecycleService lifecycle;
    /** Slow work (Flink, storage) off the UI thread. */
    protected final UiAsync async;

    StateSetPage(
            JobService jobs,
            StateChanges changes,
            StateSetService stateSets,
            SnapshotService snapshotService,
            JobLifecycleService lifecycle,
            UiAsync async) {
        super(jobs, changes);
        this.async = async;
        this.stateSets = stateSets;
        this.snapshotService = snapshotService;
        this.lifecycle = lifecycle;
    }

    /** Opens Start Job, optionally with a snapshot chosen (the History row action "Restore"). */
    protected void openStart(Long snapshotId) {
        new StartJobDialog(lifecycle, stateSets, async, job(), snapshotId, this::refreshHeader, this::openStop).open();
    }

    protected void openStop() {
        new StopJobDialog(lifecycle, stateSets, async, changes, job(), this::refreshHeader).open();
    }

    @Override
    protected void addActions(HorizontalLayout actions) {
        JobDetails job = job();
        Button create = new Button("Create Snapshot", VaadinIcon.CAMERA.create());
        create.setId("create-snapshot");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setVisible(job.canEdit());
        create.setEnabled(job.status().isRunning());
        create.setTooltipText(
                job.status().isRunning()
                        ? "Take a savepoint of the running job"
                        : "Only a RUNNING job can be snapshotted; this job is " + job.status());
        create.addClickListener(e -> new CreateSnapshotDialog(
                        snapshotService,
                        job,
                        snapshot -> getUI().ifPresent(ui -> ui.navigate(
                                tabPath(job.workspace().id(), job.id(), "history"),
                                com.vaadin.flow.router.QueryParameters.of(
                                        HistoryView.SHOW_SNAPSHOT, String.valueOf(snapshot.id())))))
                .open());
        Button start = new Button("Start", VaadinIcon.PLAY.create(), e -> openStart(null));
        start.setId("start-job");
        start.setVisible(job.canEdit());
        start.setEnabled(!job.status().isRunning() && job.status() != JobStatus.STARTING);
        Button stop = new Button("Stop", VaadinIcon.STOP.create(), e -> openStop());
        stop.setId("stop-job");
        stop.setVisible(job.canEdit());
        stop.setEnabled(job.status().isRunning());
        actions.add(start, stop, create);
    }

    @Override
    protected Class<? extends Component> overviewRoute() {
        return OverviewView.class;
    }

    @Override
    protected Class<? extends Component> configurationRoute() {
        return ConfigurationView.class;
    }

    @Override
    protected Class<? extends Component> historyRoute() {
        return HistoryView.class;
    }
}

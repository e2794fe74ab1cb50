package dev.stateset.console.stateset.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.LitRenderer;
import dev.stateset.console.base.ui.Formats;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobRun;
import dev.stateset.console.stateset.JobLifecycleService;

/**
 * The History tab's runs of the job, newest first: when and how each started, what it was started from, and whether
 * Flink restored exactly that (the verdict the status sync records once the run is RUNNING).
 */
class RunHistory extends VerticalLayout {

    final Grid<JobRun> runs = new Grid<>(JobRun.class, false);
    private final JobLifecycleService lifecycle;

    RunHistory(JobLifecycleService lifecycle) {
        this.lifecycle = lifecycle;
        setPadding(false);
        setWidthFull();
        runs.setId("runs-grid");
        runs.setAllRowsVisible(true);
        runs.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        runs.setEmptyStateText("The job has not run yet.");
        add(new H3("Runs"), runs);
    }

    void show(JobDetails job) {
        runs.removeAllColumns();
        runs.addColumn(r -> Formats.dateTime(r.startedAt(), job.workspace().zone()))
                .setHeader("Started")
                .setAutoWidth(true)
                .setFlexGrow(0);
        runs.addColumn(r -> r.adopted() ? "adopted" : r.strategy().name() + " · by " + r.startedBy())
                .setHeader("How")
                .setAutoWidth(true)
                .setFlexGrow(0);
        runs.addColumn(RunHistory::startedFrom).setHeader("From").setFlexGrow(1);
        runs.addColumn(LitRenderer.<JobRun>of("<span class=\"restore-verdict\" theme=\"${item.theme}\" "
                                + "title=\"${item.verdict}\">${item.label}</span>")
                        .withProperty("label", r -> verdictLabel(r.restorePath(), r.restoreVerified()))
                        .withProperty("theme", r -> verdictTheme(r.restorePath(), r.restoreVerified()))
                        .withProperty("verdict", r -> r.restoreVerdict() == null ? "" : r.restoreVerdict()))
                .setHeader("Restore")
                .setAutoWidth(true)
                .setFlexGrow(0);
        refresh(job);
    }

    void refresh(JobDetails job) {
        runs.setItems(lifecycle.runs(job.workspace().id(), job.id()));
    }

    private static String startedFrom(JobRun run) {
        if (run.restorePath() == null) {
            return run.adopted() ? "as it was on the cluster" : "empty state";
        }
        return (run.restoreSnapshotId() == null ? "" : "snapshot #" + run.restoreSnapshotId() + " · ")
                + run.restorePath();
    }

    /** A run's restore in one or two words: nothing to verify, not yet checked, verified, or a mismatch. */
    static String verdictLabel(String restorePath, Boolean verified) {
        if (restorePath == null) {
            return "—";
        }
        if (verified == null) {
            return "Not verified yet";
        }
        return verified ? "Restore verified" : "Restore mismatch";
    }

    static String verdictTheme(String restorePath, Boolean verified) {
        if (restorePath == null || verified == null) {
            return "badge contrast";
        }
        return verified ? "badge success" : "badge error";
    }
}

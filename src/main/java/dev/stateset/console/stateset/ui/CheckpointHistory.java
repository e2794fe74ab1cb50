package dev.stateset.console.stateset.ui;

import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.data.renderer.LitRenderer;
import dev.stateset.console.base.ui.Formats;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.stateset.FailureExplanation;
import dev.stateset.console.stateset.StateSetService;
import dev.stateset.console.stateset.SystemCheckpoint;
import java.time.ZoneId;

/**
 * The History tab's system checkpoints, as the console recorded them (every run, beyond the ten Flink keeps), filtered
 * by status and run, with Flink's figures of the current run above the grid.
 */
class CheckpointHistory extends VerticalLayout {

    static final String CURRENT_RUN = "Current run";
    static final String ALL_RUNS = "All runs";

    final Grid<SystemCheckpoint> checkpoints = new Grid<>(SystemCheckpoint.class, false);
    final Paragraph checkpointNote = new Paragraph();
    final MultiSelectComboBox<String> checkpointStatusFilter = new MultiSelectComboBox<>("Status");
    final Select<String> checkpointRuns = new Select<>();
    private final StateSetService stateSets;

    CheckpointHistory(StateSetService stateSets) {
        this.stateSets = stateSets;
        setPadding(false);
        setWidthFull();
        checkpoints.setId("checkpoints-grid");
        checkpoints.addClassName("checkpoints-grid");
        checkpoints.setPageSize(50);
        checkpoints.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        checkpoints.setEmptyStateText("No checkpoints recorded for this selection.");
        checkpointNote.setId("checkpoints-note");
        checkpointStatusFilter.setId("checkpoint-status-filter");
        checkpointStatusFilter.setItems("COMPLETED", "FAILED", "IN_PROGRESS");
        checkpointStatusFilter.setPlaceholder("All");
        checkpointStatusFilter.addValueChangeListener(
                e -> checkpoints.getDataProvider().refreshAll());
        checkpointRuns.setId("checkpoint-runs");
        checkpointRuns.setLabel("Runs");
        checkpointRuns.setItems(CURRENT_RUN, ALL_RUNS);
        checkpointRuns.setValue(ALL_RUNS);
        checkpointRuns.addValueChangeListener(e -> checkpoints.getDataProvider().refreshAll());
        HorizontalLayout bar =
                new HorizontalLayout(new H3("System checkpoints"), checkpointStatusFilter, checkpointRuns);
        bar.setAlignItems(Alignment.BASELINE);
        add(bar, checkpointNote, checkpoints);
    }

    /** Shows the job's checkpoints (after each navigation to the tab). */
    void show(JobDetails job) {
        configure(job, job.workspace().zone());
        refresh(job);
    }

    /** Reads Flink's figures again and reloads the grid: a checkpoint was recorded, or the job has a new run. */
    void refresh(JobDetails job) {
        checkpointNote.setText(OverviewView.summary(
                job, stateSets.checkpointTotals(job.workspace().id(), job.id())));
        checkpoints.getDataProvider().refreshAll();
    }

    private void configure(JobDetails job, ZoneId zone) {
        checkpoints.removeAllColumns();
        checkpoints
                .addColumn(SystemCheckpoint::checkpointId)
                .setHeader("ID")
                .setAutoWidth(true)
                .setFlexGrow(0);
        checkpoints
                .addColumn(LitRenderer.<SystemCheckpoint>of("<span theme=\"${item.theme}\">${item.status}</span>")
                        .withProperty("status", SystemCheckpoint::status)
                        .withProperty("theme", c -> switch (c.status()) {
                            case "COMPLETED" -> "badge success";
                            case "FAILED" -> "badge error";
                            default -> "badge";
                        }))
                .setHeader("Status")
                .setAutoWidth(true)
                .setFlexGrow(0);
        checkpoints
                .addColumn(c -> c.run().length() > 8 ? c.run().substring(0, 8) : c.run())
                .setHeader("Run")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setTooltipGenerator(SystemCheckpoint::run);
        checkpoints
                .addColumn(c -> Formats.dateTime(c.triggerTime(), zone))
                .setHeader("Triggered")
                .setAutoWidth(true)
                .setFlexGrow(0);
        checkpoints
                .addColumn(c -> Formats.duration(c.duration()))
                .setHeader("Duration")
                .setAutoWidth(true)
                .setFlexGrow(0);
        checkpoints
                .addColumn(c -> Formats.bytes(c.checkpointedSize()))
                .setHeader("Checkpointed")
                .setAutoWidth(true)
                .setFlexGrow(0);
        checkpoints
                .addColumn(c -> Formats.bytes(c.fullSize()))
                .setHeader("Full size")
                .setAutoWidth(true)
                .setFlexGrow(0);
        checkpoints
                .addColumn(SnapshotCells.causeRenderer(
                        c -> c.failed() ? FailureExplanation.of(c.failureMessage()) : null,
                        c -> c.externalPath() == null ? "" : c.externalPath()))
                .setHeader("Path / failure")
                .setFlexGrow(1);
        checkpoints.setItems(query -> stateSets
                .checkpointHistory(
                        job.workspace().id(),
                        job.id(),
                        checkpointStatusFilter.getValue(),
                        CURRENT_RUN.equals(checkpointRuns.getValue()),
                        query.getOffset(),
                        query.getLimit())
                .stream());
    }
}

package dev.stateset.console.stateset.ui;

import com.vaadin.flow.component.dependency.Uses;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.data.VaadinSpringDataHelpers;
import dev.stateset.console.base.ui.ConfirmAction;
import dev.stateset.console.base.ui.Formats;
import dev.stateset.console.base.ui.MainLayout;
import dev.stateset.console.base.ui.Notifications;
import dev.stateset.console.base.ui.UiAsync;
import dev.stateset.console.engine.CheckpointStatistics.Checkpoint;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobService;
import dev.stateset.console.live.StateChange;
import dev.stateset.console.live.StateChanges;
import dev.stateset.console.live.ui.LiveUpdates;
import dev.stateset.console.stateset.CheckpointSummary;
import dev.stateset.console.stateset.JobSnapshot;
import dev.stateset.console.stateset.RestoreService;
import dev.stateset.console.stateset.SnapshotService;
import dev.stateset.console.stateset.SnapshotStatus;
import dev.stateset.console.stateset.StateSetService;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneId;
import java.util.EnumSet;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/**
 * History tab: system checkpoints (live from Flink) and job snapshots (the console's records, with tombstones),
 * newest first. Both follow every change by server push, so a snapshot turns COMPLETED or FAILED without a reload.
 */
@Route(value = "workspaces/:workspaceId/jobs/:jobId/state-sets/history", layout = MainLayout.class)
@PermitAll
// The web components the grid's Lit templates use, so that the production bundle has them.
@Uses(com.vaadin.flow.component.button.Button.class)
@Uses(com.vaadin.flow.component.icon.Icon.class)
@Uses(com.vaadin.flow.component.orderedlayout.HorizontalLayout.class)
@Uses(com.vaadin.flow.component.progressbar.ProgressBar.class)
public class HistoryView extends StateSetPage {

    private static final EnumSet<SnapshotStatus> DELETABLE = EnumSet.of(SnapshotStatus.COMPLETED, SnapshotStatus.FAILED,
            SnapshotStatus.DELETE_FAILED);

    final Grid<Checkpoint> checkpoints = new Grid<>(Checkpoint.class, false);
    final Paragraph checkpointNote = new Paragraph();
    final Grid<JobSnapshot> snapshots = new Grid<>(JobSnapshot.class, false);
    final MultiSelectComboBox<SnapshotStatus> statusFilter = new MultiSelectComboBox<>("Status");

    HistoryView(JobService jobs, StateChanges changes, StateSetService stateSets, SnapshotService snapshotService, RestoreService restoreService) {
        super(jobs, changes, stateSets, snapshotService, restoreService);
        checkpoints.setId("checkpoints-grid");
        checkpoints.setAllRowsVisible(true);
        checkpoints.setEmptyStateText("No checkpoints in Flink's history of this run.");
        checkpointNote.setId("checkpoints-note");
        checkpointNote.setText("Reading checkpoints from Flink…");
        snapshots.setId("snapshots-grid");
        snapshots.setPageSize(50);
        snapshots.setEmptyStateText("No job snapshots yet.");
        statusFilter.setId("snapshot-status-filter");
        statusFilter.setItems(SnapshotStatus.values());
        statusFilter.setPlaceholder("All");
        statusFilter.addValueChangeListener(e -> snapshots.getDataProvider().refreshAll());
        // Snapshots and checkpoints as they change (by whom or whatever: this page, another user, the API, the schedule).
        LiveUpdates.follow(this, changes, c -> job() != null && c.kind() == StateChange.Kind.SNAPSHOT && c.concerns(job().workspace().id(), job().id()),
                () -> snapshots.getDataProvider().refreshAll());
        LiveUpdates.follow(this, changes, c -> job() != null && c.kind() == StateChange.Kind.CHECKPOINT && c.concerns(job().workspace().id(), job().id()),
                this::refreshCheckpoints);
    }

    @Override
    protected String tabName() {
        return "History";
    }

    @Override
    protected Component createContent(JobDetails job) {
        ZoneId zone = job.workspace().zone();
        configureCheckpointGrid(zone);
        configureSnapshotGrid(job, zone);
        refreshCheckpoints();
        VerticalLayout layout = new VerticalLayout(new H4("System checkpoints"), checkpointNote, checkpoints,
                new H4("Job snapshots"), statusFilter, snapshots);
        layout.setPadding(false);
        layout.setSizeFull();
        return layout;
    }

    void refreshCheckpoints() {
        JobDetails job = job();
        UiAsync.load(this, () -> stateSets.checkpoints(job.workspace().id(), job.id()), this::showCheckpoints);
    }

    void showCheckpoints(CheckpointSummary summary) {
        checkpointNote.setVisible(summary.statistics().isEmpty());
        checkpointNote.setText(summary.unavailable() == null ? "" : summary.unavailable());
        checkpoints.setVisible(summary.statistics().isPresent());
        checkpoints.setItems(summary.checkpoints());
    }

    private void configureCheckpointGrid(ZoneId zone) {
        checkpoints.removeAllColumns();
        checkpoints.addColumn(Checkpoint::id).setHeader("ID").setAutoWidth(true).setFlexGrow(0);
        checkpoints.addComponentColumn(c -> badge(c.status(), switch (c.status()) {
            case "COMPLETED" -> "badge success";
            case "FAILED" -> "badge error";
            default -> "badge";
        })).setHeader("Status").setAutoWidth(true);
        checkpoints.addColumn(c -> Formats.dateTime(c.triggerTime(), zone)).setHeader("Triggered").setAutoWidth(true);
        checkpoints.addColumn(c -> Formats.dateTime(c.endTime(), zone)).setHeader("Completed / failed").setAutoWidth(true);
        checkpoints.addColumn(c -> Formats.duration(c.duration())).setHeader("Duration").setAutoWidth(true);
        checkpoints.addColumn(c -> Formats.bytes(c.checkpointedSize())).setHeader("Checkpointed").setAutoWidth(true);
        checkpoints.addColumn(c -> Formats.bytes(c.fullSize())).setHeader("Full size").setAutoWidth(true);
        checkpoints.addColumn(c -> c.failureMessage() != null ? c.failureMessage() : c.externalPath() == null ? "" : c.externalPath())
                .setHeader("Path / failure").setFlexGrow(1);
    }

    private void configureSnapshotGrid(JobDetails job, ZoneId zone) {
        snapshots.removeAllColumns();
        snapshots.addColumn(JobSnapshot::id).setHeader("ID").setAutoWidth(true).setFlexGrow(0);
        snapshots.addColumn(statusRenderer()).setKey("status").setHeader("Status").setSortProperty("status").setAutoWidth(true);
        snapshots.addColumn(s -> s.trigger().name()).setHeader("Trigger").setSortProperty("trigger").setAutoWidth(true);
        snapshots.addColumn(s -> s.format().name()).setHeader("Format").setAutoWidth(true);
        snapshots.addColumn(s -> Formats.dateTime(s.createdAt(), zone)).setHeader("Created").setSortProperty("createdAt").setAutoWidth(true);
        snapshots.addColumn(s -> Formats.duration(s.duration())).setHeader("Duration").setAutoWidth(true);
        snapshots.addColumn(s -> Formats.bytes(s.sizeBytes())).setHeader("Size").setSortProperty("sizeBytes").setAutoWidth(true);
        snapshots.addColumn(JobSnapshot::createdBy).setHeader("By").setAutoWidth(true);
        snapshots.addColumn(JobSnapshot::description).setHeader("Description").setAutoWidth(true);
        snapshots.addColumn(HistoryView::details).setKey("details").setHeader("Location / cause").setFlexGrow(1);
        if (job.canEdit()) {
            snapshots.addColumn(actionsRenderer(job)).setKey("actions").setHeader("").setAutoWidth(true).setFlexGrow(0);
        }
        snapshots.setItems(query -> {
            PageRequest page = VaadinSpringDataHelpers.toSpringPageRequest(query);
            if (page.getSort().isUnsorted()) {
                page = page.withSort(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id")));
            }
            return stateSets.snapshots(job.workspace().id(), job.id(), statusFilter.getValue(), page).stream();
        });
    }

    static String details(JobSnapshot s) {
        return switch (s.status()) {
            case COMPLETED -> s.location();
            case FAILED, DELETE_FAILED -> s.failureCause();
            case DELETED -> "Deleted by " + s.deletedBy() + " (" + s.deleteReason() + ")" + (s.location() == null ? "" : "; was " + s.location());
            case IN_PROGRESS -> s.attempts() > 0 ? "Retrying (attempt " + (s.attempts() + 1) + "): " + s.failureCause() : "Waiting for Flink…";
            case DELETING -> "Deleting files of " + s.location();
        };
    }

    /*
     * The snapshot grid's cells are Lit templates, not server components: a page of 50 rows with a badge and two buttons
     * each was ~350 components to create, attach and send, which made History the most expensive page of the console
     * (UI benchmark). The buttons call back into this view through the renderer's functions.
     */

    static LitRenderer<JobSnapshot> statusRenderer() {
        return LitRenderer.<JobSnapshot>of("<vaadin-horizontal-layout style=\"align-items: center\" theme=\"spacing\">"
                        + "<span theme=\"${item.theme}\">${item.status}</span>"
                        + "<vaadin-progress-bar indeterminate style=\"width: 4em\" aria-label=\"Snapshot in progress\" ?hidden=\"${!item.inProgress}\">"
                        + "</vaadin-progress-bar></vaadin-horizontal-layout>")
                .withProperty("status", s -> s.status().name())
                .withProperty("theme", s -> switch (s.status()) {
                    case COMPLETED -> "badge success";
                    case FAILED, DELETE_FAILED -> "badge error";
                    case IN_PROGRESS -> "badge";
                    default -> "badge contrast";
                })
                .withProperty("inProgress", s -> s.status() == SnapshotStatus.IN_PROGRESS);
    }

    private LitRenderer<JobSnapshot> actionsRenderer(JobDetails job) {
        return LitRenderer.<JobSnapshot>of("<vaadin-horizontal-layout theme=\"spacing\">"
                        + "<vaadin-button class=\"restore-snapshot\" theme=\"tertiary small\" title=\"Start this job from this snapshot\" "
                        + "?hidden=\"${!item.restorable}\" @click=\"${restoreRow}\"><vaadin-icon icon=\"vaadin:rotate-left\" slot=\"prefix\"></vaadin-icon>"
                        + "Restore</vaadin-button>"
                        + "<vaadin-button class=\"delete-snapshot\" theme=\"error tertiary small\" ?hidden=\"${!item.deletable}\" "
                        + "@click=\"${deleteRow}\"><vaadin-icon icon=\"vaadin:trash\" slot=\"prefix\"></vaadin-icon>Delete</vaadin-button>"
                        + "</vaadin-horizontal-layout>")
                .withProperty("restorable", s -> s.status() == SnapshotStatus.COMPLETED)
                .withProperty("deletable", s -> DELETABLE.contains(s.status()))
                .withFunction("restoreRow", s -> openStart(s.id()))
                .withFunction("deleteRow", s -> confirmDelete(job, s)); // not "delete": a JavaScript keyword
    }

    private static Span badge(String text, String theme) {
        Span badge = new Span(text);
        badge.getElement().setAttribute("theme", theme);
        return badge;
    }

    /** Asks before deleting a snapshot's files; the row stays as a tombstone. */
    void confirmDelete(JobDetails job, JobSnapshot s) {
        if (!DELETABLE.contains(s.status())) {
            return; // a forged call for a row whose button is hidden
        }
        ConfirmAction.ask("Delete snapshot " + s.id() + "?",
                "Its savepoint files are deleted" + (s.location() == null ? "" : " (" + s.location() + ")")
                        + ". The record stays as a tombstone. This cannot be undone.", "Delete", () -> {
                    // Deleting files (or asking Flink to dispose a savepoint) may take a while: off the UI thread.
                    Notifications.show("Deleting snapshot " + s.id() + "…");
                    UiAsync.load(this, () -> snapshotService.delete(job.workspace().id(), job.id(), s.id()), deleted -> {
                        Notifications.success("Snapshot " + s.id() + " deleted");
                        snapshots.getDataProvider().refreshAll();
                    }, failure -> {
                        Notifications.error(failure.getMessage());
                        snapshots.getDataProvider().refreshAll();
                    });
                }, () -> {});
    }
}

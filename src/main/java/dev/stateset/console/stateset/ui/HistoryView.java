package dev.stateset.console.stateset.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dependency.Uses;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.data.VaadinSpringDataHelpers;
import dev.stateset.console.base.ui.ConfirmAction;
import dev.stateset.console.base.ui.Formats;
import dev.stateset.console.base.ui.Notifications;
import dev.stateset.console.base.ui.UiAsync;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.live.StateChange;
import dev.stateset.console.live.StateChanges;
import dev.stateset.console.live.ui.LiveUpdates;
import dev.stateset.console.stateset.FailureExplanation;
import dev.stateset.console.stateset.JobLifecycleService;
import dev.stateset.console.stateset.JobSnapshot;
import dev.stateset.console.stateset.SnapshotRegistry;
import dev.stateset.console.stateset.SnapshotService;
import dev.stateset.console.stateset.SnapshotStatus;
import dev.stateset.console.stateset.StateSetService;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneId;
import java.util.EnumSet;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/**
 * History tab, laid out for the operator: job snapshots first, in a grid as tall as the page allows, their Restore and
 * Delete frozen at the right edge; then the job's system checkpoints as the console recorded them (every run, beyond the
 * few Flink keeps), with Flink's summary of the current run, filters, and paging by scrolling. Both follow every change
 * by server push; below them the job's runs with whether Flink restored what each was started from. Failures read in plain words; the raw cause is one click away.
 */
@Route(value = "history", layout = StateSetLayout.class)
@PermitAll
// The web components the grid's Lit templates use, so that the production bundle has them.
@Uses(com.vaadin.flow.component.button.Button.class)
@Uses(com.vaadin.flow.component.icon.Icon.class)
@Uses(com.vaadin.flow.component.orderedlayout.HorizontalLayout.class)
@Uses(com.vaadin.flow.component.progressbar.ProgressBar.class)
public class HistoryView extends VerticalLayout implements StateSetTab, BeforeEnterObserver {

    private JobDetails job;
    private StateSetLayout page;

    /** The query parameter that names a snapshot to bring into view (set after Create Snapshot). */
    public static final String SHOW_SNAPSHOT = "snapshot";

    private static final EnumSet<SnapshotStatus> DELETABLE =
            EnumSet.of(SnapshotStatus.COMPLETED, SnapshotStatus.FAILED, SnapshotStatus.DELETE_FAILED);

    final Grid<JobSnapshot> snapshots = new Grid<>(JobSnapshot.class, false);
    final CheckpointHistory checkpointHistory;
    final RunHistory runHistory;
    final MultiSelectComboBox<SnapshotStatus> statusFilter = new MultiSelectComboBox<>("Status");
    /** The snapshot to show highlighted (the one just created), or null. */
    private Long highlighted;

    private final StateSetService stateSets;
    private final SnapshotService snapshotService;
    private Button take;
    private Button keep;
    private final SnapshotRegistry registry;
    private final UiAsync async;

    HistoryView(
            StateChanges changes,
            StateSetService stateSets,
            SnapshotService snapshotService,
            SnapshotRegistry registry,
            JobLifecycleService lifecycle,
            UiAsync async) {
        this.registry = registry;
        this.stateSets = stateSets;
        this.snapshotService = snapshotService;
        this.async = async;
        setPadding(false);
        setSizeFull();
        snapshots.setId("snapshots-grid");
        snapshots.addClassName("snapshots-grid");
        snapshots.setPageSize(50);
        snapshots.setEmptyStateText("No job snapshots yet.");
        snapshots.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        snapshots.setPartNameGenerator(s -> highlighted != null && s.id() == highlighted ? "highlighted" : null);
        statusFilter.setId("snapshot-status-filter");
        statusFilter.setItems(SnapshotStatus.values());
        statusFilter.setPlaceholder("All");
        statusFilter.addValueChangeListener(e -> snapshots.getDataProvider().refreshAll());

        checkpointHistory = new CheckpointHistory(stateSets);
        runHistory = new RunHistory(lifecycle);
        // Snapshots and checkpoints as they change (by whom or whatever: this page, another user, the API, the
        // schedule).
        LiveUpdates.follow(
                this,
                changes,
                c -> job() != null
                        && c.kind() == StateChange.Kind.SNAPSHOT
                        && c.concerns(job().workspace().id(), job().id()),
                () -> snapshots.getDataProvider().refreshAll());
        LiveUpdates.follow(
                this,
                changes,
                c -> job() != null
                        && c.kind() == StateChange.Kind.CHECKPOINT
                        && c.concerns(job().workspace().id(), job().id()),
                () -> checkpointHistory.refresh(job()));
    }

    @Override
    public String tabName() {
        return "History";
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        highlighted = event.getLocation()
                .getQueryParameters()
                .getSingleParameter(SHOW_SNAPSHOT)
                .map(v -> {
                    try {
                        return Long.valueOf(v);
                    } catch (NumberFormatException e) {
                        return null;
                    }
                })
                .orElse(null);
        if (highlighted != null) {
            snapshots.scrollToStart(); // newest first: the snapshot just created is the first row
        }
    }

    @Override
    public void show(JobDetails job, StateSetLayout page) {
        this.job = job;
        this.page = page;
        removeAll();
        add(createContent(job));
    }

    @Override
    public JobDetails job() {
        return job;
    }

    private Component createContent(JobDetails job) {
        ZoneId zone = job.workspace().zone();
        configureSnapshotGrid(job, zone);
        checkpointHistory.show(job);
        runHistory.show(job);
        Button register = new Button(
                "Register snapshot",
                e -> new RegisterSnapshotDialog(
                                registry,
                                async,
                                job,
                                snapshot -> snapshots.getDataProvider().refreshAll())
                        .open());
        register.setId("register-snapshot");
        register.setVisible(job.canEdit());
        register.setTooltipText("Record a savepoint made elsewhere (another cluster, Flink's CLI) as a job snapshot");
        HorizontalLayout snapshotBar = new HorizontalLayout(new H3("Job snapshots"), statusFilter, register);
        snapshotBar.setAlignItems(Alignment.BASELINE);
        VerticalLayout layout =
                new VerticalLayout(snapshotBar, snapshots, checkpointActions(job), checkpointHistory, runHistory);
        layout.setPadding(false);
        layout.setWidthFull();
        return layout;
    }

    /**
     * Take a full checkpoint now (running job), or keep the last run's latest checkpoint as a job snapshot (stopped
     * job): both ask Flink or storage, so off the UI thread.
     */
    private HorizontalLayout checkpointActions(JobDetails job) {
        take = new Button("Take full checkpoint");
        take.setId("take-checkpoint");
        take.setTooltipText("A full checkpoint now, even where checkpoints are incremental (Flink 1.19 and newer)");
        take.addClickListener(e -> {
            take.setEnabled(false);
            async.load(
                    this,
                    () -> stateSets.triggerCheckpoint(job.workspace().id(), job.id(), true),
                    id -> {
                        take.setEnabled(true);
                        dev.stateset.console.base.ui.Notifications.success("Checkpoint " + id + " completed");
                        checkpointHistory.refresh(job());
                    },
                    failed -> {
                        take.setEnabled(true);
                        dev.stateset.console.base.ui.Notifications.error(failed.getMessage());
                    });
        });
        keep = new Button("Keep latest checkpoint");
        keep.setId("keep-checkpoint");
        enableCheckpointActions(job);
        keep.setTooltipText("Keep the last run's latest checkpoint as a job snapshot that cleanup never deletes");
        keep.addClickListener(e -> async.load(
                this,
                () -> registry.keepLatestCheckpoint(job.workspace().id(), job.id()),
                kept -> {
                    dev.stateset.console.base.ui.Notifications.success(
                            "Kept as snapshot " + kept.id() + " (" + kept.description() + ")");
                    snapshots.getDataProvider().refreshAll();
                },
                failed -> dev.stateset.console.base.ui.Notifications.error(failed.getMessage())));
        HorizontalLayout bar = new HorizontalLayout(take, keep);
        bar.setVisible(job.canEdit());
        return bar;
    }

    /** A checkpoint is taken of a running job; one is kept once the job has stopped (see SnapshotRegistry). */
    private void enableCheckpointActions(JobDetails job) {
        if (take != null) {
            take.setEnabled(job.status().isRunning());
            keep.setEnabled(!job.status().isActive()); // SnapshotRegistry's own rule
        }
    }

    @Override
    public void jobChanged(JobDetails job) {
        this.job = job;
        enableCheckpointActions(job);
        checkpointHistory.refresh(job); // a new run: "Current run" means another one now
        runHistory.refresh(job); // a new run, or its restore verdict
    }

    private void configureSnapshotGrid(JobDetails job, ZoneId zone) {
        snapshots.removeAllColumns();
        // The id opens what is inside the snapshot (a snapshot that did not complete says so there). One element per
        // cell, so the cell's text is the id alone.
        snapshots
                .addColumn(LitRenderer.<JobSnapshot>of(
                                "<a class=\"snapshot-contents\" router-link href=\"${item.href}\" "
                                        + "title=\"Inside this snapshot\">${item.id}</a>")
                        .withProperty("id", JobSnapshot::id)
                        .withProperty(
                                "href",
                                s -> SnapshotDetailsView.path(job.workspace().id(), job.id(), s.id())))
                .setKey("id")
                .setHeader("ID")
                .setAutoWidth(true)
                .setFlexGrow(0);
        snapshots
                .addColumn(SnapshotCells.statusRenderer())
                .setKey("status")
                .setHeader("Status")
                .setSortProperty("status")
                .setAutoWidth(true)
                .setFlexGrow(0);
        // Two lines per cell where two figures belong together: the grid fits 1400 px with its actions, without a
        // sideways scroll.
        snapshots
                .addColumn(SnapshotCells.twoLines(
                        s -> s.trigger().name(), s -> s.format().name()))
                .setHeader("Trigger")
                .setSortProperty("trigger")
                .setAutoWidth(true)
                .setFlexGrow(0);
        snapshots
                .addColumn(
                        SnapshotCells.twoLines(s -> Formats.dateTime(s.createdAt(), zone), s -> "by " + s.createdBy()))
                .setHeader("Created")
                .setSortProperty("createdAt")
                .setAutoWidth(true)
                .setFlexGrow(0);
        snapshots
                .addColumn(
                        SnapshotCells.twoLines(s -> Formats.bytes(s.sizeBytes()), s -> Formats.duration(s.duration())))
                .setHeader("Size · duration")
                .setSortProperty("sizeBytes")
                .setAutoWidth(true)
                .setFlexGrow(0);
        snapshots
                .addColumn(SnapshotCells.causeRenderer(
                        s -> s.status() == SnapshotStatus.FAILED
                                        || s.status() == SnapshotStatus.DELETE_FAILED
                                        || (s.status() == SnapshotStatus.IN_PROGRESS && s.attempts() > 0)
                                ? FailureExplanation.of(s.failureCause())
                                : null,
                        SnapshotCells::details,
                        JobSnapshot::description))
                .setKey("details")
                .setHeader("Description · location or cause")
                .setWidth("14em")
                .setFlexGrow(1);
        if (job.canEdit()) {
            // Frozen at the right edge: Restore and Delete stay on screen however wide the other columns are.
            snapshots
                    .addColumn(actionsRenderer(job))
                    .setKey("actions")
                    .setHeader("Actions")
                    .setAutoWidth(true)
                    .setFlexGrow(0)
                    .setFrozenToEnd(true);
        }
        snapshots.setItems(query -> {
            PageRequest page = VaadinSpringDataHelpers.toSpringPageRequest(query);
            if (page.getSort().isUnsorted()) {
                page = page.withSort(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id")));
            }
            return stateSets.snapshots(job.workspace().id(), job.id(), statusFilter.getValue(), page).stream();
        });
    }

    /** Restore and Delete as Lit template buttons calling back into this view (why templates: DD009). */
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
                .withFunction("restoreRow", s -> page.openStart(s.id()))
                .withFunction("deleteRow", s -> confirmDelete(job, s)); // not "delete": a JavaScript keyword
    }

    /** Asks before deleting a snapshot's files; the row stays as a tombstone. */
    void confirmDelete(JobDetails job, JobSnapshot s) {
        if (!DELETABLE.contains(s.status())) {
            return; // a forged call for a row whose button is hidden
        }
        ConfirmAction.ask(
                "Delete snapshot " + s.id() + "?",
                "Its savepoint files are deleted" + (s.location() == null ? "" : " (" + s.location() + ")")
                        + ". The record stays as a tombstone. This cannot be undone.",
                "Delete",
                () -> {
                    // Deleting files (or asking Flink to dispose a savepoint) may take a while: off the UI thread.
                    Notifications.show("Deleting snapshot " + s.id() + "…");
                    async.load(
                            this,
                            () -> snapshotService.delete(job.workspace().id(), job.id(), s.id()),
                            deleted -> {
                                Notifications.success("Snapshot " + s.id() + " deleted");
                                snapshots.getDataProvider().refreshAll();
                            },
                            failure -> {
                                Notifications.error(failure.getMessage());
                                snapshots.getDataProvider().refreshAll();
                            });
                },
                () -> {});
    }
}

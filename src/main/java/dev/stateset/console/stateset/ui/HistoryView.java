package dev.stateset.console.stateset.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dependency.Uses;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.data.VaadinSpringDataHelpers;
import dev.stateset.console.base.ui.ConfirmAction;
import dev.stateset.console.base.ui.Formats;
import dev.stateset.console.base.ui.MainLayout;
import dev.stateset.console.base.ui.Notifications;
import dev.stateset.console.base.ui.UiAsync;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobService;
import dev.stateset.console.live.StateChange;
import dev.stateset.console.live.StateChanges;
import dev.stateset.console.live.ui.LiveUpdates;
import dev.stateset.console.stateset.FailureExplanation;
import dev.stateset.console.stateset.JobLifecycleService;
import dev.stateset.console.stateset.JobSnapshot;
import dev.stateset.console.stateset.SnapshotService;
import dev.stateset.console.stateset.SnapshotStatus;
import dev.stateset.console.stateset.StateSetService;
import dev.stateset.console.stateset.SystemCheckpoint;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneId;
import java.util.EnumSet;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/**
 * History tab, laid out for the operator: job snapshots first, in a grid as tall as the page allows, their Restore and
 * Delete frozen at the right edge; then the job's system checkpoints as the console recorded them (every run, beyond the
 * few Flink keeps), with Flink's summary of the current run, filters, and paging by scrolling. Both follow every change
 * by server push. Failures read in plain words; the raw cause is one click away.
 */
@Route(value = "workspaces/:workspaceId/jobs/:jobId/state-sets/history", layout = MainLayout.class)
@PermitAll
// The web components the grid's Lit templates use, so that the production bundle has them.
@Uses(com.vaadin.flow.component.button.Button.class)
@Uses(com.vaadin.flow.component.icon.Icon.class)
@Uses(com.vaadin.flow.component.orderedlayout.HorizontalLayout.class)
@Uses(com.vaadin.flow.component.progressbar.ProgressBar.class)
public class HistoryView extends StateSetPage {

    /** The query parameter that names a snapshot to bring into view (set after Create Snapshot). */
    public static final String SHOW_SNAPSHOT = "snapshot";

    private static final EnumSet<SnapshotStatus> DELETABLE =
            EnumSet.of(SnapshotStatus.COMPLETED, SnapshotStatus.FAILED, SnapshotStatus.DELETE_FAILED);

    final Grid<JobSnapshot> snapshots = new Grid<>(JobSnapshot.class, false);
    final MultiSelectComboBox<SnapshotStatus> statusFilter = new MultiSelectComboBox<>("Status");
    final Grid<SystemCheckpoint> checkpoints = new Grid<>(SystemCheckpoint.class, false);
    final Paragraph checkpointNote = new Paragraph();
    final MultiSelectComboBox<String> checkpointStatusFilter = new MultiSelectComboBox<>("Status");
    final Select<String> checkpointRuns = new Select<>();
    /** The snapshot to show highlighted (the one just created), or null. */
    private Long highlighted;

    HistoryView(
            JobService jobs,
            StateChanges changes,
            StateSetService stateSets,
            SnapshotService snapshotService,
            JobLifecycleService lifecycle,
            UiAsync async) {
        super(jobs, changes, stateSets, snapshotService, lifecycle, async);
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
                this::refreshCheckpoints);
    }

    static final String CURRENT_RUN = "Current run";
    static final String ALL_RUNS = "All runs";

    @Override
    protected String tabName() {
        return "History";
    }

    @Override
    protected void entered(BeforeEnterEvent event) {
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
    protected Component createContent(JobDetails job) {
        ZoneId zone = job.workspace().zone();
        configureSnapshotGrid(job, zone);
        configureCheckpointGrid(job, zone);
        refreshCheckpoints();
        HorizontalLayout snapshotBar = new HorizontalLayout(new H3("Job snapshots"), statusFilter);
        snapshotBar.setAlignItems(Alignment.BASELINE);
        HorizontalLayout checkpointBar =
                new HorizontalLayout(new H3("System checkpoints"), checkpointStatusFilter, checkpointRuns);
        checkpointBar.setAlignItems(Alignment.BASELINE);
        VerticalLayout layout = new VerticalLayout(snapshotBar, snapshots, checkpointBar, checkpointNote, checkpoints);
        layout.setPadding(false);
        layout.setWidthFull();
        return layout;
    }

    @Override
    protected void jobChanged() {
        refreshCheckpoints(); // a new run: "Current run" means another one now
    }

    void refreshCheckpoints() {
        JobDetails job = job();
        checkpointNote.setText(OverviewView.summary(
                job, stateSets.checkpointTotals(job.workspace().id(), job.id())));
        checkpoints.getDataProvider().refreshAll();
    }

    private void configureCheckpointGrid(JobDetails job, ZoneId zone) {
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
                .addColumn(causeRenderer(
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

    private void configureSnapshotGrid(JobDetails job, ZoneId zone) {
        snapshots.removeAllColumns();
        snapshots.addColumn(JobSnapshot::id).setHeader("ID").setAutoWidth(true).setFlexGrow(0);
        snapshots
                .addColumn(statusRenderer())
                .setKey("status")
                .setHeader("Status")
                .setSortProperty("status")
                .setAutoWidth(true)
                .setFlexGrow(0);
        // Two lines per cell where two figures belong together: the grid fits 1400 px with its actions, without a
        // sideways scroll.
        snapshots
                .addColumn(twoLines(s -> s.trigger().name(), s -> s.format().name()))
                .setHeader("Trigger")
                .setSortProperty("trigger")
                .setAutoWidth(true)
                .setFlexGrow(0);
        snapshots
                .addColumn(twoLines(s -> Formats.dateTime(s.createdAt(), zone), s -> "by " + s.createdBy()))
                .setHeader("Created")
                .setSortProperty("createdAt")
                .setAutoWidth(true)
                .setFlexGrow(0);
        snapshots
                .addColumn(twoLines(s -> Formats.bytes(s.sizeBytes()), s -> Formats.duration(s.duration())))
                .setHeader("Size · duration")
                .setSortProperty("sizeBytes")
                .setAutoWidth(true)
                .setFlexGrow(0);
        snapshots
                .addColumn(causeRenderer(
                        s -> s.status() == SnapshotStatus.FAILED
                                        || s.status() == SnapshotStatus.DELETE_FAILED
                                        || (s.status() == SnapshotStatus.IN_PROGRESS && s.attempts() > 0)
                                ? FailureExplanation.of(s.failureCause())
                                : null,
                        HistoryView::details,
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

    /**
     * A cell with a failure explained in plain words (headline, advice) and the raw cause behind a native disclosure
     * ({@code <details>}: one click, keyboard-operable), or the plain text of {@code otherwise} when there is none.
     */
    static <T> LitRenderer<T> causeRenderer(
            java.util.function.Function<T, FailureExplanation> failure,
            java.util.function.Function<T, String> otherwise) {
        return causeRenderer(failure, otherwise, t -> null);
    }

    /** As {@link #causeRenderer(java.util.function.Function, java.util.function.Function)}, under a first line (e.g. a description). */
    static <T> LitRenderer<T> causeRenderer(
            java.util.function.Function<T, FailureExplanation> failure,
            java.util.function.Function<T, String> otherwise,
            java.util.function.Function<T, String> firstLine) {
        return LitRenderer.<T>of("<div class=\"cell-first-line\" ?hidden=\"${!item.first}\">${item.first}</div>"
                        + "<details class=\"failure-raw\" ?hidden=\"${!item.failed}\"><summary><span class=\"failure-headline\">"
                        + "${item.headline}</span> <span class=\"failure-advice\">${item.advice}</span></summary><pre>${item.raw}</pre></details>"
                        + "<span class=\"cell-second-line\" ?hidden=\"${item.failed}\">${item.text}</span>")
                .withProperty("first", t -> firstLine.apply(t) == null ? "" : firstLine.apply(t))
                .withProperty("failed", t -> failure.apply(t) != null)
                .withProperty(
                        "headline",
                        t -> failure.apply(t) == null ? "" : failure.apply(t).headline())
                .withProperty(
                        "advice",
                        t -> failure.apply(t) == null || failure.apply(t).advice() == null
                                ? ""
                                : failure.apply(t).advice())
                .withProperty(
                        "raw",
                        t -> failure.apply(t) == null ? "" : failure.apply(t).raw())
                .withProperty("text", t -> otherwise.apply(t) == null ? "" : otherwise.apply(t));
    }

    static String details(JobSnapshot s) {
        return switch (s.status()) {
            case COMPLETED -> s.location();
            case FAILED, DELETE_FAILED -> s.failureCause();
            case DELETED ->
                "Deleted by " + s.deletedBy() + " (" + s.deleteReason() + ")"
                        + (s.location() == null ? "" : "; was " + s.location());
            case IN_PROGRESS ->
                s.attempts() > 0
                        ? "Retrying (attempt " + (s.attempts() + 1) + "): " + s.failureCause()
                        : "Waiting for Flink…";
            case DELETING -> "Deleting files of " + s.location();
        };
    }

    /*
     * The snapshot grid's cells are Lit templates, not server components: a page of 50 rows with a badge and two buttons
     * each was ~350 components to create, attach and send, which made History the most expensive page of the console
     * (UI benchmark). The buttons call back into this view through the renderer's functions.
     */

    private static LitRenderer<JobSnapshot> twoLines(
            java.util.function.Function<JobSnapshot, String> first,
            java.util.function.Function<JobSnapshot, String> second) {
        return LitRenderer.<JobSnapshot>of(
                        "<div>${item.first}</div><div class=\"cell-second-line\">${item.second}</div>")
                .withProperty("first", first::apply)
                .withProperty("second", second::apply);
    }

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

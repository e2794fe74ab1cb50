package dev.stateset.console.health.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.grid.dataview.GridListDataView;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.base.ui.Breadcrumbs;
import dev.stateset.console.base.ui.FieldErrorDisplay;
import dev.stateset.console.base.ui.Formats;
import dev.stateset.console.base.ui.MainLayout;
import dev.stateset.console.base.ui.Notifications;
import dev.stateset.console.health.JobHealth;
import dev.stateset.console.health.StateHealth;
import dev.stateset.console.health.StateHealthService;
import dev.stateset.console.job.JobStatus;
import dev.stateset.console.job.ui.JobRoutes;
import dev.stateset.console.live.StateChange;
import dev.stateset.console.live.StateChanges;
import dev.stateset.console.live.ui.LiveUpdates;
import dev.stateset.console.workspace.WorkspaceDetails;
import dev.stateset.console.workspace.WorkspaceService;
import dev.stateset.console.workspace.WorkspaceSettings;
import dev.stateset.console.workspace.ui.WorkspaceRoute;
import jakarta.annotation.security.PermitAll;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * Every job of a workspace on one page, for the operator of hundreds: status, the newest restorable state's age
 * against the objective, the last snapshot's result, the next scheduled one, snapshot bytes and their monthly cost.
 * Sorted and filtered in the browser's session (one read of the whole list, a handful of queries); follows changes.
 */
@Route(value = "workspaces/:workspaceId/state-health", layout = MainLayout.class)
@PageTitle("State health · Stateset Console")
@PermitAll
public class StateHealthView extends VerticalLayout implements BeforeEnterObserver {

    static final String ALL_STATUSES = "All statuses";

    final Grid<JobHealth> grid = new Grid<>(JobHealth.class, false);
    final TextField nameFilter = new TextField();
    final Select<String> statusFilter = new Select<>();
    final Checkbox onlyBreached = new Checkbox("Breaching the objective only");
    final Checkbox viewersSeeStateValues = new Checkbox("Viewers see state values in the state browser");
    final Paragraph summary = new Paragraph();
    final BigDecimalField price = new BigDecimalField("Price per GB-month");
    final com.vaadin.flow.component.textfield.TextArea blackoutWindows =
            new com.vaadin.flow.component.textfield.TextArea("Blackout windows of every job");
    final Button saveSettings = new Button("Save workspace settings");
    private final FieldErrorDisplay settingsErrors = new FieldErrorDisplay();
    private final StateHealthService health;
    private final WorkspaceService workspaces;
    private WorkspaceDetails workspace;
    private GridListDataView<JobHealth> rows;

    StateHealthView(StateHealthService health, WorkspaceService workspaces, StateChanges changes) {
        this.health = health;
        this.workspaces = workspaces;
        addClassName("state-health-view");
        setSizeFull();
        grid.setId("state-health-grid");
        grid.setWidthFull();
        grid.setMinHeight("24em");
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setEmptyStateText("No job matches.");
        grid.setMultiSort(true);
        nameFilter.setId("health-name-filter");
        nameFilter.setPlaceholder("Filter by name");
        nameFilter.setPrefixComponent(VaadinIcon.SEARCH.create());
        nameFilter.setClearButtonVisible(true);
        nameFilter.setValueChangeMode(ValueChangeMode.LAZY);
        nameFilter.addValueChangeListener(e -> applyFilters());
        statusFilter.setId("health-status-filter");
        statusFilter.setItems(statusChoices());
        statusFilter.setValue(ALL_STATUSES);
        statusFilter.addValueChangeListener(e -> applyFilters());
        onlyBreached.setId("health-only-breached");
        onlyBreached.addValueChangeListener(e -> applyFilters());
        summary.setId("health-summary");
        price.setId("health-price");
        price.setHelperText("GB of 2^30 bytes, as S3 bills; empty for no estimate");
        price.setClearButtonVisible(true);
        price.setWidth("16em");
        blackoutWindows.setId("workspace-blackout-windows");
        blackoutWindows.setPlaceholder("Mon-Fri 09:00-17:00");
        blackoutWindows.setWidth("28em");
        settingsErrors.bind("storagePricePerGbMonth", price).bind("blackoutWindows", blackoutWindows);
        viewersSeeStateValues.setId("viewers-see-state-values");
        viewersSeeStateValues.setHelperText(
                "State can hold personal data: off, viewers see keys only. Editors and " + "owners always see values");
        saveSettings.setId("save-workspace-settings");
        saveSettings.addClickListener(e -> saveSettings());
        // Statuses, snapshots, schedules and breaches as they change (checkpoints alone do not redraw the list).
        LiveUpdates.follow(
                this,
                changes,
                c -> workspace != null && c.workspaceId() == workspace.id() && c.kind() != StateChange.Kind.CHECKPOINT,
                this::refresh);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        workspace = WorkspaceRoute.of(event, workspaces);
        configureColumns();
        boolean owner = workspace.canManageMembers();
        price.setReadOnly(!owner);
        blackoutWindows.setReadOnly(!owner);
        viewersSeeStateValues.setReadOnly(!owner);
        blackoutWindows.setHelperText("One per line, in " + workspace.timeZone() + ": no scheduled snapshot of any job "
                + "starts inside; a due time there moves to the window's end, once. Owners change them");
        saveSettings.setVisible(owner);
        WorkspaceSettings settings = workspaces.settings(workspace.id());
        price.setValue(settings.storagePricePerGbMonth());
        blackoutWindows.setValue(settings.blackoutWindows());
        viewersSeeStateValues.setValue(settings.viewersSeeStateValues());
        Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> refresh());
        refresh.setId("health-refresh");
        HorizontalLayout filters = new HorizontalLayout(nameFilter, statusFilter, onlyBreached, refresh);
        filters.setAlignItems(Alignment.BASELINE);
        HorizontalLayout settingsRow = new HorizontalLayout(price, blackoutWindows);
        settingsRow.setAlignItems(Alignment.START);
        settingsRow.setWrap(true);
        removeAll();
        add(
                new Breadcrumbs()
                        .link("Workspaces", "")
                        .link(workspace.name(), "workspaces/" + workspace.id() + "/jobs")
                        .current("State health"),
                new H1("State health of " + workspace.name()),
                summary,
                filters,
                grid,
                new com.vaadin.flow.component.html.H3("Workspace settings"),
                settingsRow,
                viewersSeeStateValues,
                saveSettings);
        setFlexGrow(1, grid);
        refresh();
    }

    void refresh() {
        StateHealth read = health.of(workspace.id());
        rows = grid.setItems(read.jobs());
        applyFilters();
        summary.setText(read.jobs().size() + (read.jobs().size() == 1 ? " job" : " jobs") + " · " + read.breached()
                + " breaching their recovery-point objective · " + Formats.bytes(read.snapshotBytes())
                + " in job snapshots"
                + (read.estimatedMonthlyCost() == null
                        ? ""
                        : " · estimated " + read.estimatedMonthlyCost().toPlainString() + " per month")
                + " · as of " + Formats.dateTime(read.asOf(), workspace.zone()));
    }

    private void applyFilters() {
        if (rows == null) {
            return;
        }
        String name = nameFilter.getValue() == null
                ? ""
                : nameFilter.getValue().strip().toLowerCase();
        String status = statusFilter.getValue();
        boolean breachedOnly = onlyBreached.getValue();
        rows.setFilter(job -> job.name().toLowerCase().contains(name)
                && (status == null
                        || ALL_STATUSES.equals(status)
                        || job.status().name().equals(status))
                && (!breachedOnly || job.breached()));
    }

    private void saveSettings() {
        try {
            WorkspaceSettings saved = workspaces.saveSettings(
                    workspace.id(),
                    new WorkspaceSettings(
                            price.getValue(), blackoutWindows.getValue(), viewersSeeStateValues.getValue()));
            settingsErrors.clear();
            blackoutWindows.setValue(saved.blackoutWindows());
            Notifications.success("Workspace settings saved");
            refresh();
        } catch (InvalidInputException e) {
            settingsErrors.show(e);
        }
    }

    private void configureColumns() {
        grid.removeAllColumns();
        long ws = workspace.id();
        grid.addColumn(LitRenderer.<JobHealth>of(
                                "<a class=\"health-job\" router-link href=\"${item.href}\">${item.name}</a>")
                        .withProperty("name", JobHealth::name)
                        .withProperty("href", j -> JobRoutes.tabPath(ws, j.jobId(), "overview")))
                .setKey("name")
                .setHeader("Job")
                .setComparator(Comparator.comparing(j -> j.name().toLowerCase()))
                .setWidth("10em")
                .setFlexGrow(2);
        grid.addColumn(LitRenderer.<JobHealth>of("<span theme=\"${item.theme}\">${item.status}</span>")
                        .withProperty("status", j -> j.status().name())
                        .withProperty("theme", j -> JobRoutes.statusTheme(j.status())))
                .setKey("status")
                .setHeader("Status")
                .setComparator(j -> j.status().name())
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(LitRenderer.<JobHealth>of("<span class=\"health-recovery-point\" theme=\"${item.theme}\" "
                                + "title=\"${item.newest}\">${item.text}</span>")
                        .withProperty("text", StateHealthView::recoveryPoint)
                        .withProperty("theme", j -> j.breached() ? "badge error" : "")
                        .withProperty("newest", j -> j.newestRestorable() == null ? "" : j.newestRestorable()))
                .setKey("recoveryPoint")
                .setHeader("Recovery point / objective")
                .setComparator(Comparator.comparing(
                        StateHealthView::objectiveUse, Comparator.nullsFirst(Comparator.naturalOrder())))
                .setAutoWidth(true);
        grid.addColumn(j -> j.lastSnapshotResult() == null
                        ? "none yet"
                        : j.lastSnapshotResult().name() + " · "
                                + Formats.dateTime(j.lastSnapshotAt(), workspace.zone()))
                .setKey("lastSnapshot")
                .setHeader("Last snapshot")
                .setComparator(Comparator.comparing(
                        JobHealth::lastSnapshotAt, Comparator.nullsFirst(Comparator.naturalOrder())))
                .setWidth("13em")
                .setFlexGrow(1);
        grid.addColumn(j -> j.nextScheduledAt() == null
                        ? "no schedule"
                        : Formats.dateTime(j.nextScheduledAt(), workspace.zone()))
                .setKey("nextScheduled")
                .setHeader("Next scheduled")
                .setComparator(Comparator.comparing(
                        JobHealth::nextScheduledAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .setWidth("11em")
                .setFlexGrow(1);
        grid.addColumn(j -> Formats.bytes(j.snapshotBytes()) + " in " + j.snapshotCount())
                .setKey("bytes")
                .setHeader("Snapshots")
                .setComparator(JobHealth::snapshotBytes)
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        grid.addColumn(j -> j.estimatedMonthlyCost() == null
                        ? "—"
                        : j.estimatedMonthlyCost().toPlainString())
                .setKey("cost")
                .setHeader("Cost / month")
                .setComparator(JobHealth::snapshotBytes)
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        // Worst first: the jobs nearest to (or past) their objective at the top.
        grid.sort(List.of(new GridSortOrder<>(grid.getColumnByKey("recoveryPoint"), SortDirection.DESCENDING)));
    }

    /** "12 min / 30 min", or the age alone without an objective. */
    static String recoveryPoint(JobHealth job) {
        String age = job.recoveryPointAgeSeconds() == null
                ? "nothing restorable"
                : Formats.duration(Duration.ofSeconds(job.recoveryPointAgeSeconds()));
        return job.objectiveMinutes() == null
                ? age + " · no objective"
                : age + " / " + Formats.duration(Duration.ofMinutes(job.objectiveMinutes()));
    }

    /** How much of its objective a job has used (above 1: breached); null without an objective or an age. */
    static Double objectiveUse(JobHealth job) {
        if (job.objectiveMinutes() == null || job.recoveryPointAgeSeconds() == null) {
            return null;
        }
        return job.recoveryPointAgeSeconds() / (job.objectiveMinutes() * 60.0);
    }

    private static List<String> statusChoices() {
        List<String> choices = new java.util.ArrayList<>();
        choices.add(ALL_STATUSES);
        for (JobStatus status : JobStatus.values()) {
            choices.add(status.name());
        }
        return choices;
    }
}

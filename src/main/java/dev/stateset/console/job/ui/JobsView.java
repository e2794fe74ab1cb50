package dev.stateset.console.job.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.stateset.console.base.ui.Breadcrumbs;
import dev.stateset.console.base.ui.Formats;
import dev.stateset.console.base.ui.MainLayout;
import dev.stateset.console.base.ui.UiAsync;
import dev.stateset.console.job.EngineHealth;
import dev.stateset.console.job.JobAdoption;
import dev.stateset.console.job.JobService;
import dev.stateset.console.job.JobSummary;
import dev.stateset.console.live.StateChange;
import dev.stateset.console.live.StateChanges;
import dev.stateset.console.live.ui.LiveUpdates;
import dev.stateset.console.workspace.WorkspaceDetails;
import dev.stateset.console.workspace.WorkspaceService;
import dev.stateset.console.workspace.ui.WorkspaceRoute;
import jakarta.annotation.security.PermitAll;

/** The jobs of one workspace; a click opens the job's State Set Management. */
@Route(value = "workspaces/:workspaceId/jobs", layout = MainLayout.class)
@PageTitle("Jobs · Stateset Console")
@PermitAll
public class JobsView extends VerticalLayout implements BeforeEnterObserver {

    final Grid<JobSummary> grid = new Grid<>(JobSummary.class, false);
    final Button create = new Button("New job", VaadinIcon.PLUS.create());
    final Button adopt = new Button("Adopt a running job", VaadinIcon.DOWNLOAD_ALT.create());
    final Div outage = new Div();
    private final WorkspaceService workspaces;
    private final JobService jobs;
    private WorkspaceDetails workspace;

    JobsView(WorkspaceService workspaces, JobService jobs, JobAdoption adoption, UiAsync async, StateChanges changes) {
        this.workspaces = workspaces;
        this.jobs = jobs;
        addClassName("jobs-view");
        setSizeFull();
        create.setId("create-job");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(e -> new JobDialog(jobs, adoption, async, workspace.id(), null, this::refresh).open());
        adopt.setId("adopt-job");
        adopt.addClickListener(e -> new AdoptJobDialog(adoption, async, workspace, this::refresh).open());
        outage.setId("engine-outage");
        outage.addClassName("outage-banner");
        grid.setId("jobs-grid");
        grid.setSizeFull();
        grid.addClassName("clickable-rows");
        grid.setEmptyStateText("No jobs in this workspace yet.");
        grid.addItemClickListener(e -> getUI().ifPresent(ui ->
                ui.navigate(JobRoutes.tabPath(workspace.id(), e.getItem().id(), "overview"))));
        // Statuses, last snapshots and schedules as they change, by server push.
        LiveUpdates.follow(
                this,
                changes,
                c -> workspace != null && c.workspaceId() == workspace.id() && c.kind() != StateChange.Kind.CHECKPOINT,
                this::refresh);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        workspace = WorkspaceRoute.of(event, workspaces);
        create.setVisible(workspace.canEdit());
        adopt.setVisible(workspace.canEdit());
        grid.removeAllColumns();
        grid.addComponentColumn(j -> {
                    Span name = new Span(j.name());
                    name.addClassName("job-name");
                    return name;
                })
                .setHeader("Name")
                .setComparator(JobSummary::name)
                .setSortable(true)
                .setFlexGrow(2);
        grid.addComponentColumn(j -> JobRoutes.statusBadge(j.status()))
                .setHeader("Status")
                .setAutoWidth(true);
        grid.addColumn(j -> Formats.dateTime(j.lastSnapshotAt(), workspace.zone()))
                .setHeader("Last snapshot")
                .setAutoWidth(true);
        grid.addColumn(j -> j.scheduleEnabled() ? "On" : "Off")
                .setHeader("Schedule")
                .setAutoWidth(true);

        // By path, not by view class: the State health page reads other features' facts and so sits above this one.
        com.vaadin.flow.component.html.Anchor stateHealth = new com.vaadin.flow.component.html.Anchor(
                "workspaces/" + workspace.id() + "/state-health", "State health");
        stateHealth.setId("open-state-health");
        stateHealth.getElement().setAttribute("router-link", true);
        HorizontalLayout actions = new HorizontalLayout(stateHealth, adopt, create);
        actions.setAlignItems(Alignment.CENTER);
        HorizontalLayout header = new HorizontalLayout(new H1("Jobs of " + workspace.name()), actions);
        header.setWidthFull();
        header.setJustifyContentMode(JustifyContentMode.BETWEEN);
        header.setAlignItems(Alignment.CENTER);
        removeAll();
        add(new Breadcrumbs().link("Workspaces", "").current(workspace.name()), header, outage, grid);
        refresh();
    }

    void refresh() {
        grid.setItems(jobs.list(workspace.id()));
        EngineHealth health = jobs.engineHealth(workspace.id());
        outage.setVisible(!health.reachable());
        outage.setText(
                health.reachable()
                        ? ""
                        : "Flink cluster unreachable: " + health.problem()
                                + ". Statuses below are the last ones seen.");
    }
}

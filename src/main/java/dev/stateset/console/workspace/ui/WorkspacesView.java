package dev.stateset.console.workspace.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import dev.stateset.console.base.ui.Breadcrumbs;
import dev.stateset.console.base.ui.MainLayout;
import dev.stateset.console.security.CurrentUser;
import dev.stateset.console.workspace.WorkspaceRole;
import dev.stateset.console.workspace.WorkspaceService;
import dev.stateset.console.workspace.WorkspaceSummary;
import jakarta.annotation.security.PermitAll;

/** The workspaces the user belongs to; "Console" opens a workspace's jobs. */
@Route(value = "", layout = MainLayout.class)
@RouteAlias(value = "workspaces", layout = MainLayout.class)
@PageTitle("Workspaces · Stateset Console")
@PermitAll
public class WorkspacesView extends VerticalLayout {

    final Grid<WorkspaceSummary> grid = new Grid<>(WorkspaceSummary.class, false);
    final Button create = new Button("New workspace", VaadinIcon.PLUS.create());
    private final WorkspaceService workspaces;
    private final boolean admin;
    private final java.util.List<WorkspaceListColumn> extraColumns;
    /** The workspaces on the list; the broadcaster's thread reads it to pick the changes that concern this page. */
    private volatile java.util.Set<Long> listed = java.util.Set.of();

    private final java.util.Map<WorkspaceListColumn, java.util.Map<Long, String>> extraValues =
            new java.util.HashMap<>();

    WorkspacesView(
            WorkspaceService workspaces,
            CurrentUser currentUser,
            java.util.List<WorkspaceListColumn> extraColumns,
            dev.stateset.console.live.StateChanges changes) {
        this.workspaces = workspaces;
        this.extraColumns = extraColumns;
        this.admin = currentUser.require().admin();
        addClassName("workspaces-view");
        setSizeFull();

        create.setId("create-workspace");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(e -> new WorkspaceDialog(workspaces, null, this::refresh).open());
        create.setVisible(admin);
        HorizontalLayout header = new HorizontalLayout(new H1("Workspaces"), create);
        header.setWidthFull();
        header.setJustifyContentMode(JustifyContentMode.BETWEEN);
        header.setAlignItems(Alignment.CENTER);

        grid.setId("workspaces-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(WorkspaceSummary::name)
                .setHeader("Name")
                .setSortable(true)
                .setFlexGrow(1);
        grid.addColumn(WorkspaceSummary::description).setHeader("Description").setFlexGrow(2);
        grid.addColumn(WorkspaceSummary::timeZone).setHeader("Time zone").setAutoWidth(true);
        grid.addColumn(WorkspaceSummary::jobCount).setHeader("Jobs").setAutoWidth(true);
        for (WorkspaceListColumn column : extraColumns) {
            grid.addColumn(w ->
                            extraValues.getOrDefault(column, java.util.Map.of()).getOrDefault(w.id(), "—"))
                    .setHeader(column.header())
                    .setKey(column.header())
                    .setAutoWidth(true);
        }
        grid.addColumn(w -> w.myRole().name()).setHeader("Your role").setAutoWidth(true);
        // Job counts and stored snapshots as they change.
        dev.stateset.console.live.ui.LiveUpdates.follow(
                this,
                changes,
                c -> listed.contains(c.workspaceId())
                        && (c.kind() == dev.stateset.console.live.StateChange.Kind.SNAPSHOT
                                || c.kind() == dev.stateset.console.live.StateChange.Kind.JOB),
                this::refresh);
        grid.addComponentColumn(this::actions)
                .setKey("actions")
                .setHeader("Actions")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.setEmptyStateText(
                "You are not a member of any workspace yet. Ask an admin or a workspace owner to add you.");
        grid.setSizeFull();

        add(new Breadcrumbs().current("Workspaces"), header, grid);
        refresh();
    }

    private HorizontalLayout actions(WorkspaceSummary w) {
        Button console =
                new Button("Console", e -> getUI().ifPresent(ui -> ui.navigate("workspaces/" + w.id() + "/jobs")));
        console.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
        console.addClassName("open-console");
        console.setAriaLabel("Open console of workspace " + w.name());
        HorizontalLayout actions = new HorizontalLayout(console);
        if (w.myRole().includes(WorkspaceRole.EDITOR)) {
            Button orphans = new Button(
                    "Orphan report", e -> getUI().ifPresent(ui -> ui.navigate("workspaces/" + w.id() + "/orphans")));
            orphans.addThemeVariants(ButtonVariant.LUMO_SMALL);
            orphans.addClassName("open-orphans");
            orphans.setAriaLabel("Orphan report of workspace " + w.name() + ": snapshot files without a record");
            actions.add(orphans);
        }
        if (w.myRole().includes(WorkspaceRole.OWNER)) {
            Button members = new Button(
                    "Members", e -> getUI().ifPresent(ui -> ui.navigate("workspaces/" + w.id() + "/members")));
            members.addThemeVariants(ButtonVariant.LUMO_SMALL);
            members.addClassName("open-members");
            Button audit = new Button(
                    "Audit log",
                    e -> getUI().ifPresent(ui ->
                            ui.navigate("audit", QueryParameters.of("workspace", String.valueOf(w.id())))));
            audit.addThemeVariants(ButtonVariant.LUMO_SMALL);
            audit.addClassName("open-audit");
            audit.setAriaLabel("Audit log of workspace " + w.name());
            actions.add(members, audit);
        }
        if (admin) {
            Button edit = new Button(
                    "Edit", e -> new WorkspaceDialog(workspaces, workspaces.get(w.id()), this::refresh).open());
            edit.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            edit.addClassName("edit-workspace");
            actions.add(edit);
        }
        actions.setSpacing(true);
        return actions;
    }

    void refresh() {
        extraColumns.forEach(column -> extraValues.put(column, column.values()));
        java.util.List<WorkspaceSummary> mine = workspaces.listMine();
        listed = mine.stream().map(WorkspaceSummary::id).collect(java.util.stream.Collectors.toUnmodifiableSet());
        grid.setItems(mine);
    }
}

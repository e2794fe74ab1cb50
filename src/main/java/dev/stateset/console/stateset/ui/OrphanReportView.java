package dev.stateset.console.stateset.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.stateset.console.base.ui.Breadcrumbs;
import dev.stateset.console.base.ui.MainLayout;
import dev.stateset.console.base.ui.UiAsync;
import dev.stateset.console.stateset.StateSetService;
import dev.stateset.console.workspace.WorkspaceDetails;
import dev.stateset.console.workspace.WorkspaceRole;
import dev.stateset.console.workspace.WorkspaceService;
import dev.stateset.console.workspace.ui.WorkspaceRoute;
import jakarta.annotation.security.PermitAll;

/**
 * The orphan report of a workspace: snapshot directories in its storage that no snapshot record owns (a crash between
 * Flink writing a savepoint and the console recording it, a manual copy, a record removed outside the console). Read
 * only: it lists what takes space without being managed, for an operator to check and remove in the storage itself.
 */
@Route(value = "workspaces/:workspaceId/orphans", layout = MainLayout.class)
@PageTitle("Orphan report · Stateset Console")
@PermitAll
public class OrphanReportView extends VerticalLayout implements BeforeEnterObserver {

    final Grid<String> locations = new Grid<>(String.class, false);
    final Paragraph problem = new Paragraph();
    final Paragraph checking = new Paragraph("Listing the storage…");
    final Button check = new Button("Check again", VaadinIcon.REFRESH.create());
    private final WorkspaceService workspaces;
    private final StateSetService stateSets;
    private long workspaceId;

    private final UiAsync async;

    OrphanReportView(WorkspaceService workspaces, StateSetService stateSets, UiAsync async) {
        this.async = async;
        this.workspaces = workspaces;
        this.stateSets = stateSets;
        addClassName("orphan-report-view");
        setSizeFull();
        locations.setId("orphans-grid");
        locations
                .addColumn(location -> location)
                .setHeader("Directory without a snapshot record")
                .setFlexGrow(1);
        locations.setEmptyStateText(
                "No orphaned snapshot files: every snapshot directory in storage belongs to a snapshot record.");
        problem.setId("orphans-problem");
        problem.getStyle().set("color", "var(--lumo-error-text-color)");
        check.setId("check-orphans");
        check.addThemeVariants(ButtonVariant.LUMO_SMALL);
        check.addClickListener(e -> refresh());
        checking.setId("orphans-checking");
        checking.setVisible(false);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        WorkspaceDetails workspace = WorkspaceRoute.requireRole(event, workspaces, WorkspaceRole.EDITOR);
        workspaceId = workspace.id();
        removeAll();
        add(
                new Breadcrumbs()
                        .link("Workspaces", "")
                        .link(workspace.name(), "workspaces/" + workspaceId + "/jobs")
                        .current("Orphan report"),
                new H1("Orphaned snapshot files in " + workspace.name()),
                new Paragraph(
                        "Directories under this workspace's snapshot storage that no snapshot record owns. Nothing is deleted "
                                + "here: check each one, then remove it in the storage if it is not needed."),
                check,
                checking,
                problem,
                locations);
        refresh();
    }

    /** Lists the storage off the UI thread (a large bucket or a slow endpoint takes a while); "Checking…" meanwhile. */
    void refresh() {
        check.setEnabled(false);
        checking.setVisible(true);
        async.load(
                this,
                () -> stateSets.orphanedSnapshotLocations(workspaceId),
                found -> {
                    locations.setItems(found);
                    problem.setVisible(false);
                    done();
                },
                failure -> {
                    // Storage down or refusing: say so instead of showing an empty (and wrongly reassuring) list.
                    locations.setItems();
                    problem.setText("The storage could not be listed: " + failure.getMessage());
                    problem.setVisible(true);
                    done();
                });
    }

    private void done() {
        check.setEnabled(true);
        checking.setVisible(false);
    }
}

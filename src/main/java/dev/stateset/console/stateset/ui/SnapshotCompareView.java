package dev.stateset.console.stateset.ui;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.treegrid.TreeGrid;
import com.vaadin.flow.data.provider.hierarchy.TreeData;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.stateset.console.base.ResourceNotFoundException;
import dev.stateset.console.base.ui.Breadcrumbs;
import dev.stateset.console.base.ui.Formats;
import dev.stateset.console.base.ui.MainLayout;
import dev.stateset.console.base.ui.RouteParams;
import dev.stateset.console.base.ui.UiAsync;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobService;
import dev.stateset.console.job.ui.JobRoutes;
import dev.stateset.console.stateset.SnapshotComparison;
import dev.stateset.console.stateset.SnapshotComparison.OperatorChange;
import dev.stateset.console.stateset.SnapshotComparison.StateChange;
import dev.stateset.console.stateset.SnapshotContentsService;
import jakarta.annotation.security.PermitAll;

/**
 * Two snapshots side by side: operators and states added, removed and changed, biggest growth first. Answers "why did
 * our savepoints grow?" from the top rows and "what would a restore from the other one drop?" from the REMOVED ones.
 */
@Route(value = "workspaces/:workspaceId/jobs/:jobId/snapshots/:snapshotId/compare/:otherId", layout = MainLayout.class)
@PageTitle("Compare snapshots · Stateset Console")
@PermitAll
public class SnapshotCompareView extends VerticalLayout implements BeforeEnterObserver {

    /** An operator's or a state's change; {@code owner} keeps equal-looking states of two operators apart. */
    record ChangeRow(String owner, String label, String change, Long baseBytes, Long otherBytes, Long growth) {

        static ChangeRow of(OperatorChange o) {
            String label = o.uid() != null ? o.uid() : "operator " + o.uidHash();
            return new ChangeRow(
                    o.uidHash(),
                    o.name() == null ? label : label + " · " + o.name(),
                    o.change().name(),
                    o.baseBytes(),
                    o.otherBytes(),
                    o.growth());
        }

        static ChangeRow of(OperatorChange owner, StateChange s) {
            return new ChangeRow(
                    owner.uidHash(),
                    s.name() + " (" + s.scope().toLowerCase() + " · " + s.kind().toLowerCase() + ")",
                    s.change().name(),
                    s.baseBytes(),
                    s.otherBytes(),
                    s.growth());
        }
    }

    static String path(long workspaceId, long jobId, long snapshotId, long otherId) {
        return "workspaces/" + workspaceId + "/jobs/" + jobId + "/snapshots/" + snapshotId + "/compare/" + otherId;
    }

    final TreeGrid<ChangeRow> changes = new TreeGrid<>();
    final Paragraph totals = new Paragraph("Reading both snapshots…");
    final Paragraph problem = new Paragraph();
    private final JobService jobs;
    private final SnapshotContentsService contents;
    private final UiAsync async;

    SnapshotCompareView(JobService jobs, SnapshotContentsService contents, UiAsync async) {
        this.jobs = jobs;
        this.contents = contents;
        this.async = async;
        addClassName("snapshot-compare-view");
        setSizeFull();
        totals.setId("comparison-totals");
        problem.setId("comparison-problem");
        problem.getStyle().set("color", "var(--lumo-error-text-color)");
        problem.setVisible(false);
        changes.setId("comparison-grid");
        changes.addHierarchyColumn(ChangeRow::label)
                .setHeader("Operator · state")
                .setFlexGrow(1);
        changes.addColumn(ChangeRow::change)
                .setKey("change")
                .setHeader("Change")
                .setAutoWidth(true)
                .setFlexGrow(0);
        changes.addColumn(r -> Formats.bytes(r.baseBytes()))
                .setKey("base")
                .setHeader("Before")
                .setAutoWidth(true)
                .setFlexGrow(0);
        changes.addColumn(r -> Formats.bytes(r.otherBytes()))
                .setKey("other")
                .setHeader("After")
                .setAutoWidth(true)
                .setFlexGrow(0);
        changes.addColumn(r -> signed(r.growth()))
                .setKey("growth")
                .setHeader("Growth")
                .setAutoWidth(true)
                .setFlexGrow(0);
        changes.setEmptyStateText("Neither snapshot holds state.");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        long workspaceId = RouteParams.id(event, JobRoutes.WORKSPACE_PARAM);
        long jobId = RouteParams.id(event, JobRoutes.JOB_PARAM);
        long snapshotId = RouteParams.id(event, "snapshotId");
        long otherId = RouteParams.id(event, "otherId");
        JobDetails job;
        try {
            job = jobs.get(workspaceId, jobId);
        } catch (ResourceNotFoundException e) {
            throw new NotFoundException();
        }
        removeAll();
        add(
                new Breadcrumbs()
                        .link("Workspaces", "")
                        .link(job.workspace().name(), "workspaces/" + workspaceId + "/jobs")
                        .link(job.name(), JobRoutes.tabPath(workspaceId, jobId, "history"))
                        .link(
                                "Snapshot " + snapshotId,
                                "workspaces/" + workspaceId + "/jobs/" + jobId + "/snapshots/" + snapshotId)
                        .current("Compared with " + otherId),
                new H1("Snapshot " + snapshotId + " → snapshot " + otherId),
                totals,
                problem,
                changes);
        async.load(this, () -> contents.compare(workspaceId, jobId, snapshotId, otherId), this::show, failure -> {
            totals.setText("");
            problem.setText("The snapshots could not be compared: " + failure.getMessage());
            problem.setVisible(true);
        });
    }

    private void show(SnapshotComparison comparison) {
        totals.setText("State " + Formats.bytes(comparison.baseBytes()) + " → " + Formats.bytes(comparison.otherBytes())
                + " (" + signed(comparison.growth()) + "), biggest growth first");
        TreeData<ChangeRow> tree = new TreeData<>();
        for (OperatorChange operator : comparison.operators()) {
            ChangeRow parent = ChangeRow.of(operator);
            tree.addItem(null, parent);
            operator.states().forEach(s -> tree.addItem(parent, ChangeRow.of(operator, s)));
        }
        changes.setTreeData(tree);
        changes.expand(tree.getRootItems());
    }

    private static String signed(Long bytes) {
        if (bytes == null) {
            return "—";
        }
        return (bytes > 0 ? "+" : bytes < 0 ? "−" : "±") + Formats.bytes(Math.abs(bytes));
    }
}

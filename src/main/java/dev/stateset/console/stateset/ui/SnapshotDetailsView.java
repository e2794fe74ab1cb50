package dev.stateset.console.stateset.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
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
import dev.stateset.console.engine.inspect.SnapshotContentsReader.OperatorContents;
import dev.stateset.console.engine.inspect.SnapshotContentsReader.SnapshotContents;
import dev.stateset.console.engine.inspect.SnapshotContentsReader.StateContents;
import dev.stateset.console.engine.inspect.SnapshotContentsReader.StateScope;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobService;
import dev.stateset.console.job.ui.JobRoutes;
import dev.stateset.console.stateset.JobSnapshot;
import dev.stateset.console.stateset.RestorableSnapshot;
import dev.stateset.console.stateset.SnapshotContentsService;
import dev.stateset.console.stateset.SnapshotStatus;
import dev.stateset.console.stateset.StateBrowserService;
import dev.stateset.console.stateset.StateSetService;
import jakarta.annotation.security.PermitAll;

/**
 * Inside one snapshot: every operator with state, and per operator each named state with its scope, kind and bytes.
 * The snapshot's files are read off the UI thread (a large savepoint on S3 takes a while), then kept by the service.
 */
@Route(value = "workspaces/:workspaceId/jobs/:jobId/snapshots/:snapshotId", layout = MainLayout.class)
@PageTitle("Inside a snapshot · Stateset Console")
@PermitAll
public class SnapshotDetailsView extends VerticalLayout implements BeforeEnterObserver {

    /**
     * A row of the tree: an operator, or one state under it.
     *
     * @param owner the operator's id, which keeps equal-looking states of two operators apart in the tree
     */
    record ContentsRow(
            String owner,
            String label,
            String uidHash,
            String kind,
            String parallelism,
            Long bytes,
            Long entries,
            boolean operator,
            String browsePath,
            String notBrowsable) {

        static ContentsRow of(OperatorContents o) {
            String label = o.uid() != null ? o.uid() : "operator without uid";
            return new ContentsRow(
                    o.uidHash(),
                    o.name() == null ? label : label + " · " + o.name(),
                    o.uidHash(),
                    o.states().isEmpty() ? "coordinator only" : null,
                    o.parallelism() + " / " + o.maxParallelism(),
                    o.stateBytes(),
                    null,
                    true,
                    null,
                    null);
        }

        /** @param browsePath the state browser's page of this state; null when the browser does not read its kind */
        static ContentsRow of(OperatorContents owner, StateContents s, String browsePath) {
            return new ContentsRow(
                    owner.uidHash(),
                    s.name(),
                    null,
                    s.scope().name().toLowerCase() + " · " + s.kind().toLowerCase(),
                    null,
                    s.bytes(),
                    s.entries(),
                    false,
                    browsePath,
                    s.scope() == StateScope.KEYED ? s.notBrowsableReason() : null);
        }
    }

    static String path(long workspaceId, long jobId, long snapshotId) {
        return "workspaces/" + workspaceId + "/jobs/" + jobId + "/snapshots/" + snapshotId;
    }

    final TreeGrid<ContentsRow> operators = new TreeGrid<>();
    final Paragraph summary = new Paragraph();
    final Paragraph totals = new Paragraph("Reading the snapshot…");
    final Paragraph problem = new Paragraph();
    final ComboBox<RestorableSnapshot> compareWith = new ComboBox<>("Compare with");
    final Button compare = new Button("Compare");
    private final JobService jobs;
    private final StateSetService stateSets;
    private final SnapshotContentsService contents;
    private final UiAsync async;

    SnapshotDetailsView(JobService jobs, StateSetService stateSets, SnapshotContentsService contents, UiAsync async) {
        this.jobs = jobs;
        this.stateSets = stateSets;
        this.contents = contents;
        this.async = async;
        addClassName("snapshot-details-view");
        setSizeFull();
        summary.setId("snapshot-summary");
        totals.setId("snapshot-totals");
        problem.setId("snapshot-problem");
        problem.getStyle().set("color", "var(--lumo-error-text-color)");
        problem.setVisible(false);
        operators.setId("snapshot-operators");
        operators
                .addHierarchyColumn(ContentsRow::label)
                .setHeader("Operator · state")
                .setAutoWidth(true)
                .setFlexGrow(1);
        operators
                .addColumn(ContentsRow::kind)
                .setHeader("Scope · kind")
                .setAutoWidth(true)
                .setFlexGrow(0);
        operators
                .addColumn(ContentsRow::parallelism)
                .setHeader("Parallelism / max")
                .setAutoWidth(true)
                .setFlexGrow(0);
        operators
                .addColumn(r -> r.operator() || r.bytes() != null ? Formats.bytes(r.bytes()) : "not split per state")
                .setKey("bytes")
                .setHeader("Bytes")
                .setAutoWidth(true)
                .setFlexGrow(0);
        operators
                .addColumn(r -> r.entries() == null ? "" : String.valueOf(r.entries()))
                .setHeader("Entries")
                .setAutoWidth(true)
                .setFlexGrow(0);
        operators
                .addComponentColumn(r -> {
                    if (r.browsePath() == null) {
                        Span why = new Span(r.notBrowsable() == null ? "" : r.notBrowsable());
                        why.addClassName("not-browsable");
                        why.getStyle()
                                .set("color", "var(--lumo-secondary-text-color)")
                                .set("white-space", "normal")
                                .set("font-size", "var(--lumo-font-size-s)");
                        return why;
                    }
                    Anchor browse = new Anchor(r.browsePath(), "Browse keys");
                    browse.getElement().setAttribute("router-link", true);
                    browse.addClassName("browse-state");
                    return browse;
                })
                .setHeader("Keys and values")
                .setWidth("20em")
                .setFlexGrow(0);
        operators
                .addColumn(ContentsRow::uidHash)
                .setHeader("Operator id (uid hash)")
                .setAutoWidth(true);
        operators.setEmptyStateText("No operator holds state in this snapshot.");
        compareWith.setId("compare-with");
        compareWith.setItemLabelGenerator(
                s -> "#" + s.id() + " · " + s.jobName() + " · " + s.trigger() + " · " + Formats.bytes(s.sizeBytes()));
        compareWith.setWidth("28em");
        compare.setId("compare-snapshots");
        compare.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        compare.setEnabled(false);
        compareWith.addValueChangeListener(e -> compare.setEnabled(e.getValue() != null));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        long workspaceId = RouteParams.id(event, JobRoutes.WORKSPACE_PARAM);
        long jobId = RouteParams.id(event, JobRoutes.JOB_PARAM);
        long snapshotId = RouteParams.id(event, "snapshotId");
        JobDetails job;
        JobSnapshot snapshot;
        try {
            job = jobs.get(workspaceId, jobId);
            snapshot = stateSets.snapshot(workspaceId, jobId, snapshotId);
        } catch (ResourceNotFoundException e) {
            throw new NotFoundException();
        }
        removeAll();
        summary.setText(snapshot.trigger() + " · " + snapshot.format() + " · " + snapshot.status()
                + (snapshot.location() == null ? "" : " · " + snapshot.location())
                + (snapshot.sizeBytes() == null ? "" : " · " + Formats.bytes(snapshot.sizeBytes()) + " on storage"));
        compareWith.setItems(stateSets.restorableSnapshots(workspaceId).stream()
                .filter(s -> s.id() != snapshotId)
                .toList());
        compare.addClickListener(e -> UI.getCurrent()
                .navigate(SnapshotCompareView.path(
                        workspaceId, jobId, snapshotId, compareWith.getValue().id())));
        HorizontalLayout comparing = new HorizontalLayout(compareWith, compare);
        comparing.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(
                new Breadcrumbs()
                        .link("Workspaces", "")
                        .link(job.workspace().name(), "workspaces/" + workspaceId + "/jobs")
                        .link(job.name(), JobRoutes.tabPath(workspaceId, jobId, "history"))
                        .current("Snapshot " + snapshotId),
                new H1("Inside snapshot " + snapshotId),
                summary,
                totals,
                problem,
                comparing,
                operators);
        if (snapshot.status() != SnapshotStatus.COMPLETED) {
            totals.setText("Only a completed snapshot can be read; this one is " + snapshot.status() + ".");
            comparing.setVisible(false);
            operators.setVisible(false);
            return;
        }
        async.load(
                this,
                () -> contents.contents(workspaceId, jobId, snapshotId),
                read -> show(workspaceId, jobId, snapshotId, read),
                failure -> {
                    totals.setText("");
                    problem.setText("The snapshot could not be read: " + failure.getMessage());
                    problem.setVisible(true);
                });
    }

    private void show(long workspaceId, long jobId, long snapshotId, SnapshotContents read) {
        totals.setText(read.operators().size() + (read.operators().size() == 1 ? " operator" : " operators")
                + " with state · " + Formats.bytes(read.stateBytes()) + " of state · checkpoint "
                + read.checkpointId());
        TreeData<ContentsRow> tree = new TreeData<>();
        for (OperatorContents operator : read.operators()) {
            ContentsRow parent = ContentsRow.of(operator);
            tree.addItem(null, parent);
            for (StateContents state : operator.states()) {
                String browse = StateBrowserService.browsable(state)
                        ? StateBrowserView.path(workspaceId, jobId, snapshotId, operator.uidHash(), state.name())
                        : null;
                tree.addItem(parent, ContentsRow.of(operator, state, browse));
            }
        }
        operators.setTreeData(tree);
        operators.expand(tree.getRootItems());
    }
}

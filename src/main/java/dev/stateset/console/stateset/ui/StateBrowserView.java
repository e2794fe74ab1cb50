package dev.stateset.console.stateset.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.base.ResourceNotFoundException;
import dev.stateset.console.base.ui.Breadcrumbs;
import dev.stateset.console.base.ui.MainLayout;
import dev.stateset.console.base.ui.RouteParams;
import dev.stateset.console.base.ui.UiAsync;
import dev.stateset.console.engine.inspect.KeyedStateBrowser.StateEntry;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobService;
import dev.stateset.console.job.ui.JobRoutes;
import dev.stateset.console.stateset.StateBrowserService;
import dev.stateset.console.stateset.StateBrowserService.StateEntries;
import jakarta.annotation.security.PermitAll;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * The keyed state browser: one keyed state of a snapshot, a page of keys at a time or one key looked up. Each read
 * runs a small local Flink job (a second or so), off the UI thread; the buttons wait while it runs.
 */
@Route(
        value = "workspaces/:workspaceId/jobs/:jobId/snapshots/:snapshotId/operators/:uidHash/state",
        layout = MainLayout.class)
@PageTitle("State browser · Stateset Console")
@PermitAll
public class StateBrowserView extends VerticalLayout implements BeforeEnterObserver {

    static final int PAGE = 50;

    /** The page of one state ({@code name} as a query parameter: state names may hold slashes). */
    static String path(long workspaceId, long jobId, long snapshotId, String uidHash, String stateName) {
        return SnapshotDetailsView.path(workspaceId, jobId, snapshotId) + "/operators/" + uidHash + "/state?name="
                + URLEncoder.encode(stateName, StandardCharsets.UTF_8).replace("+", "%20");
    }

    final Paragraph summary = new Paragraph();
    final Paragraph note = new Paragraph();
    final Paragraph problem = new Paragraph();
    final TextField key = new TextField();
    final Button lookup = new Button("Look up", VaadinIcon.SEARCH.create());
    final Button showAll = new Button("All keys");
    final Grid<StateEntry> entries = new Grid<>();
    final Button previous = new Button("Previous", VaadinIcon.ANGLE_LEFT.create());
    final Button next = new Button("Next", VaadinIcon.ANGLE_RIGHT.create());
    final Span position = new Span();
    private final JobService jobs;
    private final StateBrowserService browser;
    private final UiAsync async;
    private long workspaceId;
    private long jobId;
    private long snapshotId;
    private String uidHash;
    private String stateName;
    private int offset;

    StateBrowserView(JobService jobs, StateBrowserService browser, UiAsync async) {
        this.jobs = jobs;
        this.browser = browser;
        this.async = async;
        addClassName("state-browser-view");
        setSizeFull();
        summary.setId("state-summary");
        note.setId("state-values-note");
        problem.setId("state-problem");
        problem.getStyle().set("color", "var(--lumo-error-text-color)");
        problem.setVisible(false);
        key.setId("state-key");
        key.setPlaceholder("key-7");
        key.setLabel("Key, as shown below");
        key.setWidth("24em");
        key.addKeyPressListener(Key.ENTER, e -> lookUp());
        lookup.setId("state-lookup");
        lookup.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        lookup.addClickListener(e -> lookUp());
        showAll.setId("state-all-keys");
        showAll.addClickListener(e -> {
            key.clear();
            load(0);
        });
        entries.setId("state-entries");
        entries.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_COMPACT);
        entries.addColumn(StateEntry::key).setHeader("Key").setAutoWidth(true).setFlexGrow(0);
        entries.addColumn(e -> e.value() == null ? "hidden" : e.value())
                .setKey("value")
                .setHeader("Value")
                .setFlexGrow(1);
        entries.setEmptyStateText("Reading the state…");
        entries.setAllRowsVisible(true); // a page is 50 rows: the page scrolls, every row is in the DOM
        previous.setId("state-previous");
        previous.addClickListener(e -> load(Math.max(0, offset - PAGE)));
        next.setId("state-next");
        next.setIconAfterText(true);
        next.addClickListener(e -> load(offset + PAGE));
        position.setId("state-position");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        workspaceId = RouteParams.id(event, JobRoutes.WORKSPACE_PARAM);
        jobId = RouteParams.id(event, JobRoutes.JOB_PARAM);
        snapshotId = RouteParams.id(event, "snapshotId");
        uidHash = event.getRouteParameters().get("uidHash").orElse("");
        QueryParameters query = event.getLocation().getQueryParameters();
        stateName = query.getSingleParameter("name").orElse("");
        JobDetails job;
        try {
            job = jobs.get(workspaceId, jobId);
        } catch (ResourceNotFoundException e) {
            throw new NotFoundException();
        }
        removeAll();
        HorizontalLayout search = new HorizontalLayout(key, lookup, showAll);
        search.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        HorizontalLayout pager = new HorizontalLayout(previous, position, next);
        pager.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        add(
                new Breadcrumbs()
                        .link("Workspaces", "")
                        .link(job.workspace().name(), "workspaces/" + workspaceId + "/jobs")
                        .link(job.name(), JobRoutes.tabPath(workspaceId, jobId, "history"))
                        .link("Snapshot " + snapshotId, SnapshotDetailsView.path(workspaceId, jobId, snapshotId))
                        .current(stateName),
                new H1("State “" + stateName + "”"),
                summary,
                note,
                problem,
                search,
                entries,
                pager);
        load(0);
    }

    private void lookUp() {
        String wanted = key.getValue();
        read(() -> browser.lookup(workspaceId, jobId, snapshotId, uidHash, stateName, wanted), read -> {
            position.setText(
                    read.entries().isEmpty() ? "No key “" + wanted + "” in this state" : "Key “" + wanted + "”");
            previous.setEnabled(false);
            next.setEnabled(false);
        });
    }

    private void load(int from) {
        read(() -> browser.page(workspaceId, jobId, snapshotId, uidHash, stateName, from, PAGE), read -> {
            offset = read.offset();
            position.setText(
                    read.entries().isEmpty()
                            ? "No keys"
                            : "Keys " + (offset + 1) + "–"
                                    + (offset + read.entries().size()));
            previous.setEnabled(offset > 0);
            next.setEnabled(read.more() && offset + PAGE <= StateBrowserService.MAX_OFFSET);
        });
    }

    /** One read off the UI thread; the controls wait for it. */
    private void read(Supplier<StateEntries> work, java.util.function.Consumer<StateEntries> then) {
        List.of(lookup, showAll, previous, next).forEach(b -> b.setEnabled(false));
        problem.setVisible(false);
        async.load(
                this,
                work,
                read -> {
                    summary.setText(read.kind().toLowerCase() + " state of operator "
                            + (read.operatorUid() == null ? read.uidHash() : read.operatorUid())
                            + " in snapshot " + read.snapshotId()
                            + (read.stateEntries() == null ? "" : " · " + read.stateEntries() + " entries")
                            + " · keys in the snapshot's key-group order");
                    note.setText(
                            read.valuesShown()
                                    ? "Values as stored: numbers and text as they are, objects, rows, lists and maps as JSON."
                                    : "Values hidden: state can hold personal data, and the workspace's owner has not allowed"
                                            + " viewers to see it. You see the keys.");
                    entries.setEmptyStateText("No keys.");
                    entries.setItems(read.entries());
                    lookup.setEnabled(true);
                    showAll.setEnabled(true);
                    then.accept(read);
                },
                failure -> {
                    lookup.setEnabled(true);
                    showAll.setEnabled(true);
                    entries.setEmptyStateText("");
                    problem.setText(
                            failure instanceof InvalidInputException invalid
                                    ? String.join("; ", invalid.fieldErrors().values())
                                    : failure.getMessage());
                    problem.setVisible(true);
                });
    }
}

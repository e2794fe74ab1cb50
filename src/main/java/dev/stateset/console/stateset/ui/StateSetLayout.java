package dev.stateset.console.stateset.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Nav;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HighlightConditions;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RoutePrefix;
import com.vaadin.flow.router.RouterLayout;
import com.vaadin.flow.router.RouterLink;
import dev.stateset.console.base.ResourceNotFoundException;
import dev.stateset.console.base.ui.Breadcrumbs;
import dev.stateset.console.base.ui.MainLayout;
import dev.stateset.console.base.ui.RouteParams;
import dev.stateset.console.base.ui.UiAsync;
import dev.stateset.console.job.EngineHealth;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobService;
import dev.stateset.console.job.JobStatus;
import dev.stateset.console.job.ui.JobDialog;
import dev.stateset.console.job.ui.JobRoutes;
import dev.stateset.console.live.StateChange;
import dev.stateset.console.live.StateChanges;
import dev.stateset.console.live.ui.LiveUpdates;
import dev.stateset.console.stateset.JobLifecycleService;
import dev.stateset.console.stateset.SnapshotService;
import dev.stateset.console.stateset.StateSetService;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A job's State Set Management page: the job's header (name, status, banners, Start / Stop / Create Snapshot) and
 * the tab bar, around whichever tab is open ({@link OverviewView}, {@link ConfigurationView}, {@link HistoryView},
 * child routes under {@code workspaces/:workspaceId/jobs/:jobId/state-sets}). Moving between tabs keeps this layout
 * and replaces only the tab.
 */
@ParentLayout(MainLayout.class)
@RoutePrefix("workspaces/:workspaceId/jobs/:jobId/state-sets")
public class StateSetLayout extends VerticalLayout implements RouterLayout, BeforeEnterObserver {

    private final JobService jobs;
    private final StateChanges changes;
    private final StateSetService stateSets;
    private final SnapshotService snapshotService;
    private final JobLifecycleService lifecycle;
    private final UiAsync async;
    private final dev.stateset.console.job.JobAdoption cluster;
    private final HorizontalLayout actions = new HorizontalLayout();
    private final VerticalLayout header = new VerticalLayout();
    private final Nav tabs = new Nav();
    private final VerticalLayout content = new VerticalLayout();
    private JobDetails job;
    /** What the header shows now; a tab switch re-renders it only if this changed. */
    private HeaderFacts headerShows;

    private record HeaderFacts(JobDetails job, boolean reachable, String problem) {}

    private StateSetTab tab;

    StateSetLayout(
            JobService jobs,
            StateChanges changes,
            StateSetService stateSets,
            SnapshotService snapshotService,
            JobLifecycleService lifecycle,
            UiAsync async,
            dev.stateset.console.job.JobAdoption cluster) {
        this.cluster = cluster;
        this.jobs = jobs;
        this.changes = changes;
        this.stateSets = stateSets;
        this.snapshotService = snapshotService;
        this.lifecycle = lifecycle;
        this.async = async;
        addClassName("job-page");
        setSizeFull();
        header.setPadding(false);
        content.setPadding(false);
        content.setSizeFull();
        tabs.setId("state-set-tabs");
        tabs.addClassName("page-tabs");
        tabs.getElement().setAttribute("aria-label", "State Set Management");
        add(header, new H2("State Set Management"), tabs, content);
        LiveUpdates.follow(
                this,
                changes,
                c -> job != null
                        && c.kind() == StateChange.Kind.JOB
                        && c.concerns(job.workspace().id(), job.id()),
                this::refreshHeader);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        long workspaceId = RouteParams.id(event, JobRoutes.WORKSPACE_PARAM);
        long jobId = RouteParams.id(event, JobRoutes.JOB_PARAM);
        try {
            job = jobs.get(workspaceId, jobId);
        } catch (ResourceNotFoundException e) {
            throw new NotFoundException();
        }
        renderHeader();
    }

    @Override
    public void showRouterLayoutContent(HasElement child) {
        content.removeAll();
        content.getElement().appendChild(child.getElement());
        tab = child instanceof StateSetTab shown ? shown : null;
        renderTabs();
        if (tab != null) {
            tab.show(job, this);
        }
    }

    @Override
    public void removeRouterLayoutContent(HasElement oldContent) {
        content.removeAll();
    }

    JobDetails job() {
        return job;
    }

    /** Opens Start Job, optionally with a snapshot chosen (the History row action "Restore"). */
    void openStart(Long snapshotId) {
        new StartJobDialog(lifecycle, stateSets, async, job, snapshotId, this::refreshHeader, this::openStop).open();
    }

    void openStop() {
        new StopJobDialog(lifecycle, stateSets, async, changes, job, this::refreshHeader).open();
    }

    /** Re-reads the job and redraws the header and the open tab, e.g. after the job was edited. */
    void reload() {
        job = jobs.get(job.workspace().id(), job.id());
        renderHeader();
        if (tab != null) {
            tab.show(job, this);
        }
    }

    /** Re-reads the job and redraws its header (status, buttons, banners), keeping the tab as the user left it. */
    void refreshHeader() {
        try {
            job = jobs.get(job.workspace().id(), job.id());
        } catch (ResourceNotFoundException e) {
            return; // deleted meanwhile: the page stays as it was; any action on it says the job is gone
        }
        renderHeader();
        if (tab != null) {
            tab.jobChanged(job);
        }
    }

    private void renderHeader() {
        EngineHealth health = jobs.engineHealth(job.workspace().id());
        // A tab switch keeps this layout: rebuilding an unchanged header (its components detached, rebuilt and sent
        // again) was 4 % of the request threads' samples in the UI benchmark (stage 14).
        HeaderFacts shows = new HeaderFacts(job, health.reachable(), health.problem());
        if (shows.equals(headerShows)) {
            return;
        }
        headerShows = shows;
        header.removeAll();
        actions.removeAll();
        Button edit = new Button(
                "Edit job",
                VaadinIcon.EDIT.create(),
                e -> new JobDialog(jobs, cluster, async, job.workspace().id(), job, this::reload).open());
        edit.setId("edit-job");
        edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        edit.setVisible(job.canEdit());
        actions.add(edit);
        addActions();

        H1 title = new H1(job.name());
        title.setId("job-title");
        HorizontalLayout titleRow = new HorizontalLayout(title, JobRoutes.statusBadge(job.status()));
        if (job.restoreVerified() != null) {
            Span verdict = new Span(job.restoreVerified() ? "Restore verified" : "Restore mismatch");
            verdict.setId("restore-verdict");
            verdict.getElement().setAttribute("theme", job.restoreVerified() ? "badge success" : "badge error");
            verdict.setTitle(job.restoreVerdict());
            titleRow.add(verdict);
        }
        titleRow.setAlignItems(Alignment.CENTER);
        HorizontalLayout headerRow = new HorizontalLayout(titleRow, actions);
        headerRow.setWidthFull();
        headerRow.setJustifyContentMode(JustifyContentMode.BETWEEN);
        headerRow.setAlignItems(Alignment.CENTER);

        long ws = job.workspace().id();
        Breadcrumbs crumbs = new Breadcrumbs()
                .link("Workspaces", "")
                .link(job.workspace().name(), "workspaces/" + ws + "/jobs")
                .link(job.name(), JobRoutes.tabPath(ws, job.id(), "overview"))
                .current("State Set Management");
        header.add(crumbs, headerRow);
        if (!health.reachable()) {
            Div outage = new Div(new Span("Flink cluster unreachable: " + health.problem()
                    + ". Figures from Flink are missing and actions on Flink will fail until it is back."));
            outage.setId("engine-outage");
            outage.addClassName("outage-banner");
            header.add(outage);
        }
        if (job.status() == JobStatus.FAILED && job.lastFailure() != null) {
            Div failure = new Div(new Span("The job failed: " + job.lastFailure()));
            failure.setId("job-failure");
            failure.addClassName("outage-banner");
            header.add(failure);
        }
        if (job.adoptedAt() != null || job.engineRestUrl() != null) {
            // Said on the page, not only in the disabled Start button's tooltip (a disabled button gets no hover).
            Span origin = new Span((job.engineRestUrl() != null
                            ? "Runs on its own cluster " + job.engineRestUrl() + "."
                            : "Adopted from the cluster.")
                    + job.startUnavailable().map(reason -> " Start: " + reason).orElse(""));
            origin.setId("job-origin");
            origin.addClassName("applies-at-next-start");
            header.add(origin);
        }
        if (job.restoredFromSnapshotId() != null) {
            Span restored = new Span("Current run restored from snapshot #" + job.restoredFromSnapshotId());
            restored.setId("restored-from");
            restored.addClassName("applies-at-next-start");
            header.add(restored);
        }
        if (job.restoreVerified() != null) {
            // Flink's own words under the badge: which checkpoint it restored, and from where.
            Span verdict = new Span(job.restoreVerdict());
            verdict.setId("restore-verdict-text");
            verdict.addClassName(job.restoreVerified() ? "applies-at-next-start" : "outage-banner");
            header.add(verdict);
        }
    }

    private void addActions() {
        Button create = new Button("Create Snapshot", VaadinIcon.CAMERA.create());
        create.setId("create-snapshot");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setVisible(job.canEdit());
        create.setEnabled(job.status().isRunning());
        create.setTooltipText(
                job.status().isRunning()
                        ? "Take a savepoint of the running job"
                        : "Only a RUNNING job can be snapshotted; this job is " + job.status());
        JobDetails shown = job;
        create.addClickListener(e -> new CreateSnapshotDialog(
                        snapshotService,
                        shown,
                        snapshot -> getUI().ifPresent(ui -> ui.navigate(
                                JobRoutes.tabPath(shown.workspace().id(), shown.id(), "history"),
                                QueryParameters.of(HistoryView.SHOW_SNAPSHOT, String.valueOf(snapshot.id())))))
                .open());
        Button start = new Button("Start", VaadinIcon.PLAY.create(), e -> openStart(null));
        start.setId("start-job");
        start.setVisible(job.canEdit());
        java.util.Optional<String> unavailable = job.startUnavailable();
        // The same rule as the start itself: not while the job runs or is on its way up or down.
        start.setEnabled(!job.status().isActive() && unavailable.isEmpty());
        unavailable.ifPresent(start::setTooltipText);
        Button stop = new Button("Stop", VaadinIcon.STOP.create(), e -> openStop());
        stop.setId("stop-job");
        stop.setVisible(job.canEdit());
        stop.setEnabled(job.status().isRunning());
        actions.add(start, stop, create);
    }

    /**
     * The three tabs are pages with their own URLs, so they are links in a navigation landmark, the current one
     * marked {@code aria-current="page"}: Vaadin's Tabs with a link inside each tab nest two interactive controls.
     */
    private void renderTabs() {
        Map<String, Class<? extends Component>> routes = new LinkedHashMap<>();
        routes.put("Overview", OverviewView.class);
        routes.put("Configuration", ConfigurationView.class);
        routes.put("History", HistoryView.class);
        RouteParameters params = new RouteParameters(Map.of(
                JobRoutes.WORKSPACE_PARAM, String.valueOf(job.workspace().id()),
                JobRoutes.JOB_PARAM, String.valueOf(job.id())));
        tabs.removeAll();
        routes.forEach((label, route) -> {
            RouterLink link = new RouterLink(label, route, params);
            link.setId("tab-" + label.toLowerCase());
            link.addClassName("page-tab");
            link.setHighlightCondition(HighlightConditions.never()); // aria-current below says which page this is
            if (tab != null && route.equals(tab.getClass())) {
                link.getElement().setAttribute("aria-current", "page");
            }
            tabs.add(link);
        });
    }
}

package dev.stateset.console.job.ui;

import com.vaadin.flow.component.Component;
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
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HighlightConditions;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import dev.stateset.console.base.ResourceNotFoundException;
import dev.stateset.console.base.ui.Breadcrumbs;
import dev.stateset.console.base.ui.RouteParams;
import dev.stateset.console.job.EngineHealth;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobService;
import dev.stateset.console.job.JobStatus;
import dev.stateset.console.live.StateChange;
import dev.stateset.console.live.StateChanges;
import dev.stateset.console.live.ui.LiveUpdates;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A job's page: breadcrumbs, name, status and actions, then the State Set Management section whose three
 * tabs (Overview, Configuration, History) are each a route of their own, so every tab can be linked to.
 * Subclasses fill the tab's content from {@link #job()}. The header (status, buttons, banners) follows every change of
 * the job as it happens, by server push; the tab's content is built once and told through {@link #jobChanged()}.
 */
public abstract class JobPage extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    public static final String WORKSPACE_PARAM = "workspaceId";
    public static final String JOB_PARAM = "jobId";

    protected final JobService jobs;
    protected final StateChanges changes;
    private final HorizontalLayout actions = new HorizontalLayout();
    private final VerticalLayout header = new VerticalLayout();
    private final VerticalLayout content = new VerticalLayout();
    private JobDetails job;

    protected JobPage(JobService jobs, StateChanges changes) {
        this.jobs = jobs;
        this.changes = changes;
        addClassName("job-page");
        setSizeFull();
        header.setPadding(false);
        content.setPadding(false);
        content.setSizeFull();
        LiveUpdates.follow(
                this,
                changes,
                c -> job != null
                        && c.kind() == StateChange.Kind.JOB
                        && c.concerns(job.workspace().id(), job.id()),
                this::refreshHeader);
    }

    public static String tabPath(long workspaceId, long jobId, String tab) {
        return "workspaces/" + workspaceId + "/jobs/" + jobId + "/state-sets/" + tab;
    }

    public static Span statusBadge(JobStatus status) {
        Span badge = new Span(status.name());
        badge.addClassName("job-status");
        String theme = switch (status) {
            case RUNNING -> "badge success";
            case FAILED -> "badge error";
            case STARTING, STOPPING -> "badge";
            default -> "badge contrast";
        };
        badge.getElement().setAttribute("theme", theme);
        return badge;
    }

    @Override
    public final void beforeEnter(BeforeEnterEvent event) {
        long workspaceId = RouteParams.id(event, WORKSPACE_PARAM);
        long jobId = RouteParams.id(event, JOB_PARAM);
        try {
            job = jobs.get(workspaceId, jobId);
        } catch (ResourceNotFoundException e) {
            throw new NotFoundException();
        }
        render();
        entered(event);
    }

    /** After the page is drawn for a navigation, e.g. to read query parameters; the default does nothing. */
    protected void entered(BeforeEnterEvent event) {}

    /** Re-reads the job and redraws the page, e.g. after a save. */
    protected void reload() {
        job = jobs.get(job.workspace().id(), job.id());
        render();
    }

    /** Re-reads the job and redraws its header (status, buttons, banners), keeping the tab's content as the user left it. */
    protected void refreshHeader() {
        try {
            job = jobs.get(job.workspace().id(), job.id());
        } catch (ResourceNotFoundException e) {
            return; // deleted meanwhile: the page stays as it was; any action on it says the job is gone
        }
        renderHeader();
        jobChanged();
    }

    /** The job's status or settings changed (read again into {@link #job()}); tabs that show either refresh here. */
    protected void jobChanged() {}

    private void render() {
        removeAll();
        renderHeader();
        content.removeAll();
        content.add(createContent(job));
        add(header, new H2("State Set Management"), tabs(), content);
    }

    private void renderHeader() {
        header.removeAll();
        actions.removeAll();
        Button edit = new Button(
                "Edit job",
                VaadinIcon.EDIT.create(),
                e -> new JobDialog(jobs, job.workspace().id(), job, this::reload).open());
        edit.setId("edit-job");
        edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        edit.setVisible(job.canEdit());
        actions.add(edit);
        addActions(actions);

        H1 title = new H1(job.name());
        title.setId("job-title");
        HorizontalLayout titleRow = new HorizontalLayout(title, statusBadge(job.status()));
        titleRow.setAlignItems(Alignment.CENTER);
        HorizontalLayout headerRow = new HorizontalLayout(titleRow, actions);
        headerRow.setWidthFull();
        headerRow.setJustifyContentMode(JustifyContentMode.BETWEEN);
        headerRow.setAlignItems(Alignment.CENTER);

        long ws = job.workspace().id();
        Breadcrumbs crumbs = new Breadcrumbs()
                .link("Workspaces", "")
                .link(job.workspace().name(), "workspaces/" + ws + "/jobs")
                .link(job.name(), tabPath(ws, job.id(), "overview"))
                .current("State Set Management");
        header.add(crumbs, headerRow);
        EngineHealth health = jobs.engineHealth(ws);
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
        if (job.restoredFromSnapshotId() != null) {
            Span restored = new Span("Current run restored from snapshot #" + job.restoredFromSnapshotId());
            restored.setId("restored-from");
            restored.addClassName("applies-at-next-start");
            header.add(restored);
        }
    }

    /**
     * The three tabs are pages with their own URLs, so they are links in a navigation landmark, the current one
     * marked {@code aria-current="page"}: Vaadin's Tabs with a link inside each tab nest two interactive controls.
     */
    private Nav tabs() {
        Map<String, Class<? extends Component>> routes = new LinkedHashMap<>();
        routes.put("Overview", overviewRoute());
        routes.put("Configuration", configurationRoute());
        routes.put("History", historyRoute());
        Nav tabs = new Nav();
        tabs.setId("state-set-tabs");
        tabs.addClassName("page-tabs");
        tabs.getElement().setAttribute("aria-label", "State Set Management");
        RouteParameters params = new RouteParameters(
                Map.of(WORKSPACE_PARAM, String.valueOf(job.workspace().id()), JOB_PARAM, String.valueOf(job.id())));
        routes.forEach((label, route) -> {
            RouterLink link = new RouterLink(label, route, params);
            link.setId("tab-" + label.toLowerCase());
            link.addClassName("page-tab");
            link.setHighlightCondition(HighlightConditions.never()); // aria-current below says which page this is
            if (route.equals(getClass())) {
                link.getElement().setAttribute("aria-current", "page");
            }
            tabs.add(link);
        });
        return tabs;
    }

    @Override
    public String getPageTitle() {
        return (job == null ? "Job" : job.name()) + " · " + tabName() + " · Stateset Console";
    }

    protected JobDetails job() {
        return job;
    }

    /** Buttons for the upper right of the job page (e.g. Create Snapshot); the default adds none. */
    protected void addActions(HorizontalLayout actions) {}

    protected abstract String tabName();

    protected abstract Component createContent(JobDetails job);

    protected abstract Class<? extends Component> overviewRoute();

    protected abstract Class<? extends Component> configurationRoute();

    protected abstract Class<? extends Component> historyRoute();
}

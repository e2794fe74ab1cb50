package dev.stateset.console.activity.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import dev.stateset.console.activity.AuditTrailService;
import dev.stateset.console.audit.AuditEvent;
import dev.stateset.console.audit.AuditFilter;
import dev.stateset.console.audit.AuditSource;
import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.base.ResourceNotFoundException;
import dev.stateset.console.base.ui.Breadcrumbs;
import dev.stateset.console.base.ui.DisplayZone;
import dev.stateset.console.base.ui.FieldErrorDisplay;
import dev.stateset.console.base.ui.Formats;
import dev.stateset.console.base.ui.MainLayout;
import dev.stateset.console.workspace.WorkspaceSummary;
import jakarta.annotation.security.PermitAll;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The audit log: who did what to which job, snapshot or policy, when, and whether from the UI, the API or the
 * console itself. Owners see their workspaces; admins see everything. Times read in the chosen workspace's zone,
 * otherwise in UTC. {@code ?workspace=ID} opens it filtered (the jobs page links here).
 */
@Route(value = "audit", layout = MainLayout.class)
@PageTitle("Audit log · Stateset Console")
@PermitAll
public class AuditLogView extends VerticalLayout implements BeforeEnterObserver {

    static final int PAGE_SIZE = 50;

    final ComboBox<WorkspaceSummary> workspace = new ComboBox<>("Workspace");
    final TextField actor = new TextField("Actor");
    final ComboBox<String> action = new ComboBox<>("Action");
    final Select<AuditSource> source = new Select<>();
    final DateTimePicker from = new DateTimePicker("From");
    final DateTimePicker to = new DateTimePicker("To");
    final Button clear = new Button("Clear filters", VaadinIcon.CLOSE_SMALL.create());
    final Span total = new Span();
    final Grid<AuditEvent> grid = new Grid<>(AuditEvent.class, false);
    private final FieldErrorDisplay errors = new FieldErrorDisplay();
    private final AuditTrailService trail;
    private Map<Long, WorkspaceSummary> workspaces = Map.of();
    private boolean clearing;

    AuditLogView(AuditTrailService trail) {
        this.trail = trail;
        addClassName("audit-log-view");
        setSizeFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!trail.canRead()) {
            throw new AccessDeniedException();
        }
        List<WorkspaceSummary> readable = trail.readableWorkspaces();
        workspaces = readable.stream().collect(Collectors.toMap(WorkspaceSummary::id, Function.identity()));
        Optional<WorkspaceSummary> preset =
                requestedWorkspace(event.getLocation().getQueryParameters());
        removeAll();
        add(
                new Breadcrumbs().link("Workspaces", "").current("Audit log"),
                new H1("Audit log"),
                filters(readable),
                total,
                grid);
        configureGrid();
        preset.ifPresent(workspace::setValue);
        refresh();
    }

    /** A workspace id in the URL that the caller cannot read is "not found", like a forged workspace URL anywhere. */
    private Optional<WorkspaceSummary> requestedWorkspace(QueryParameters query) {
        Optional<String> raw = query.getSingleParameter("workspace");
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        if (!raw.get().matches("\\d{1,18}")) {
            throw new NotFoundException();
        }
        long id = Long.parseLong(raw.get());
        try {
            trail.requireReadable(id);
        } catch (ResourceNotFoundException e) {
            throw new NotFoundException();
        } catch (org.springframework.security.access.AccessDeniedException e) {
            throw new AccessDeniedException();
        }
        return Optional.ofNullable(workspaces.get(id));
    }

    private Component filters(List<WorkspaceSummary> readable) {
        workspace.setId("audit-workspace");
        workspace.setItems(readable);
        workspace.setItemLabelGenerator(WorkspaceSummary::name);
        workspace.setClearButtonVisible(true);
        workspace.setPlaceholder("All you may read");
        actor.setId("audit-actor");
        actor.setClearButtonVisible(true);
        actor.setPlaceholder("username or system");
        actor.setValueChangeMode(ValueChangeMode.LAZY);
        action.setId("audit-action");
        action.setAllowCustomValue(true);
        action.addCustomValueSetListener(e -> action.setValue(e.getDetail()));
        action.setClearButtonVisible(true);
        action.setPlaceholder("e.g. snapshot");
        source.setId("audit-source");
        source.setLabel("Source");
        source.setItems(AuditSource.values());
        source.setEmptySelectionAllowed(true);
        source.setEmptySelectionCaption("Any");
        from.setId("audit-from");
        to.setId("audit-to");
        clear.setId("audit-clear");
        clear.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        clear.addClickListener(e -> {
            clearing = true;
            try {
                workspace.clear();
                actor.clear();
                action.clear();
                source.clear();
                from.clear();
                to.clear();
            } finally {
                clearing = false;
            }
            refresh();
        });
        errors.bind("actor", actor).bind("action", action).bind("from", from).bind("to", to);
        workspace.addValueChangeListener(e -> {
            action.setItems(
                    trail.actions(e.getValue() == null ? null : e.getValue().id()));
            refresh();
        });
        actor.addValueChangeListener(e -> refresh());
        action.addValueChangeListener(e -> refresh());
        source.addValueChangeListener(e -> refresh());
        from.addValueChangeListener(e -> refresh());
        to.addValueChangeListener(e -> refresh());
        action.setItems(trail.actions(null));
        FlexLayout bar = new FlexLayout(workspace, actor, action, source, from, to, clear);
        bar.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        bar.addClassName("audit-filters");
        return bar;
    }

    private void configureGrid() {
        grid.removeAllColumns();
        grid.setId("audit-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(e -> Formats.dateTime(e.occurredAt(), zone()))
                .setKey("time")
                .setHeader("Time")
                .setAutoWidth(true);
        grid.addColumn(e -> workspaceName(e.workspaceId()))
                .setKey("workspace")
                .setHeader("Workspace")
                .setAutoWidth(true);
        grid.addColumn(AuditEvent::actor).setKey("actor").setHeader("Actor").setAutoWidth(true);
        grid.addColumn(e -> e.source().name())
                .setKey("source")
                .setHeader("Source")
                .setAutoWidth(true);
        grid.addColumn(AuditEvent::action).setKey("action").setHeader("Action").setAutoWidth(true);
        grid.addComponentColumn(this::target)
                .setKey("target")
                .setHeader("Target")
                .setAutoWidth(true);
        grid.addColumn(AuditEvent::details)
                .setKey("details")
                .setHeader("Details")
                .setFlexGrow(1);
        grid.setSizeFull();
    }

    void refresh() {
        if (clearing) {
            return;
        }
        AuditFilter filter;
        try {
            filter = filter();
            total.setText(count(trail.search(filter, 0, 1).getTotalElements()));
            errors.clear();
        } catch (InvalidInputException e) {
            errors.show(e);
            grid.setItems(List.of());
            total.setText("");
            return;
        }
        grid.setItems(query -> {
            // The grid asks for aligned pages (offset a multiple of the limit); a test harness may ask for
            // "everything".
            int size = Math.min(query.getLimit(), AuditTrailService.MAX_PAGE_SIZE);
            return trail.search(filter, query.getOffset() / size, size).stream();
        });
        grid.setPageSize(PAGE_SIZE);
    }

    private AuditFilter filter() {
        Long workspaceId =
                workspace.getValue() == null ? null : workspace.getValue().id();
        return new AuditFilter(
                workspaceId,
                actor.getValue(),
                action.getValue(),
                source.getValue(),
                instant(from.getValue()),
                instant(to.getValue()));
    }

    private Instant instant(LocalDateTime local) {
        return local == null
                ? null
                : local.atZone(DisplayZone.resolve(zone())).toInstant(); // read on the clock the rows show
    }

    /** The workspace filtered on, whose zone the times follow; null (UTC) across workspaces. */
    private ZoneId zone() {
        WorkspaceSummary chosen = workspace.getValue();
        return chosen == null ? null : ZoneId.of(chosen.timeZone());
    }

    private String workspaceName(Long id) {
        if (id == null) {
            return "(console)";
        }
        WorkspaceSummary summary = workspaces.get(id);
        return summary == null ? "#" + id : summary.name();
    }

    /** Jobs link to their page; other targets (snapshots, users, tokens) read as type and id. */
    private Component target(AuditEvent event) {
        String text = event.targetType() + (event.targetId() == null ? "" : " " + event.targetId());
        if ("job".equals(event.targetType()) && event.workspaceId() != null && event.targetId() != null) {
            return new Anchor(
                    "workspaces/" + event.workspaceId() + "/jobs/" + event.targetId() + "/state-sets/overview", text);
        }
        return new Span(text);
    }

    private static String count(long n) {
        return n == 1 ? "1 event" : n + " events";
    }
}

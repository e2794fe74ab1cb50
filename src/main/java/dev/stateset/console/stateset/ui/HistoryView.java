package dev.stateset.console.stateset.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.data.VaadinSpringDataHelpers;
import dev.stateset.console.base.ui.Formats;
import dev.stateset.console.base.ui.MainLayout;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobService;
import dev.stateset.console.stateset.JobSnapshot;
import dev.stateset.console.stateset.SnapshotStatus;
import dev.stateset.console.stateset.StateSetService;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneId;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/** History tab: system checkpoints (from Flink) and job snapshots (from the console's records), newest first. */
@Route(value = "workspaces/:workspaceId/jobs/:jobId/state-sets/history", layout = MainLayout.class)
@PermitAll
public class HistoryView extends StateSetPage {

    final Grid<JobSnapshot> snapshots = new Grid<>(JobSnapshot.class, false);
    final MultiSelectComboBox<SnapshotStatus> statusFilter = new MultiSelectComboBox<>("Status");

    HistoryView(JobService jobs, StateSetService stateSets) {
        super(jobs, stateSets);
        snapshots.setId("snapshots-grid");
        snapshots.setPageSize(50);
        snapshots.setEmptyStateText("No job snapshots yet.");
        statusFilter.setId("snapshot-status-filter");
        statusFilter.setItems(SnapshotStatus.values());
        statusFilter.setPlaceholder("All");
        statusFilter.addValueChangeListener(e -> snapshots.getDataProvider().refreshAll());
    }

    @Override
    protected String tabName() {
        return "History";
    }

    @Override
    protected Component createContent(JobDetails job) {
        ZoneId zone = job.workspace().zone();
        snapshots.removeAllColumns();
        snapshots.addColumn(JobSnapshot::id).setHeader("ID").setAutoWidth(true).setFlexGrow(0);
        snapshots.addComponentColumn(s -> statusBadge(s.status())).setHeader("Status").setSortProperty("status").setAutoWidth(true);
        snapshots.addColumn(s -> s.trigger().name()).setHeader("Trigger").setSortProperty("trigger").setAutoWidth(true);
        snapshots.addColumn(s -> s.format().name()).setHeader("Format").setAutoWidth(true);
        snapshots.addColumn(s -> Formats.dateTime(s.createdAt(), zone)).setHeader("Created").setSortProperty("createdAt").setAutoWidth(true);
        snapshots.addColumn(s -> Formats.duration(s.duration())).setHeader("Duration").setAutoWidth(true);
        snapshots.addColumn(s -> Formats.bytes(s.sizeBytes())).setHeader("Size").setSortProperty("sizeBytes").setAutoWidth(true);
        snapshots.addColumn(JobSnapshot::createdBy).setHeader("By").setAutoWidth(true);
        snapshots.addColumn(JobSnapshot::description).setHeader("Description").setFlexGrow(1);
        snapshots.setItems(query -> {
            PageRequest page = VaadinSpringDataHelpers.toSpringPageRequest(query);
            if (page.getSort().isUnsorted()) {
                page = page.withSort(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id")));
            }
            return stateSets.snapshots(job.workspace().id(), job.id(), statusFilter.getValue(), page).stream();
        });

        Paragraph checkpoints = new Paragraph("System checkpoints are listed here from Flink once the job runs on a Flink engine.");
        checkpoints.setId("checkpoints-note");
        VerticalLayout layout = new VerticalLayout(new H4("System checkpoints"), checkpoints, new H4("Job snapshots"), statusFilter, snapshots);
        layout.setPadding(false);
        layout.setSizeFull();
        return layout;
    }

    private static Span statusBadge(SnapshotStatus status) {
        Span badge = new Span(status.name());
        badge.getElement().setAttribute("theme", switch (status) {
            case COMPLETED -> "badge success";
            case FAILED, DELETE_FAILED -> "badge error";
            case IN_PROGRESS -> "badge";
            default -> "badge contrast";
        });
        return badge;
    }
}

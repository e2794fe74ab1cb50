package dev.stateset.console.stateset.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;
import dev.stateset.console.base.ui.Formats;
import dev.stateset.console.base.ui.MainLayout;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobService;
import dev.stateset.console.stateset.JobSnapshot;
import dev.stateset.console.stateset.StateSetOverview;
import dev.stateset.console.stateset.StateSetService;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneId;
import java.util.Optional;

/** Overview tab: the last successful and last failed system checkpoint and job snapshot. */
@Route(value = "workspaces/:workspaceId/jobs/:jobId/state-sets/overview", layout = MainLayout.class)
@PermitAll
public class OverviewView extends StateSetPage {

    OverviewView(JobService jobs, StateSetService stateSets) {
        super(jobs, stateSets);
    }

    @Override
    protected String tabName() {
        return "Overview";
    }

    @Override
    protected Component createContent(JobDetails job) {
        StateSetOverview overview = stateSets.overview(job.workspace().id(), job.id());
        ZoneId zone = job.workspace().zone();

        FlexLayout checkpoints = cards();
        if (overview.checkpointStatisticsAvailable()) {
            checkpoints.add(new Paragraph("Checkpoint statistics are read from the Flink engine."));
        } else {
            Paragraph note = new Paragraph(overview.checkpointStatisticsNote());
            note.setId("checkpoint-note");
            checkpoints.add(note);
        }

        FlexLayout snapshots = cards();
        snapshots.add(snapshotCard("Last successful job snapshot", "last-completed-snapshot", overview.lastCompletedSnapshot(), zone, true),
                snapshotCard("Last failed job snapshot", "last-failed-snapshot", overview.lastFailedSnapshot(), zone, false));

        VerticalLayout layout = new VerticalLayout(new H4("System checkpoints"), checkpoints, new H4("Job snapshots"), snapshots);
        layout.setPadding(false);
        return layout;
    }

    private static FlexLayout cards() {
        FlexLayout cards = new FlexLayout();
        cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        cards.addClassName("cards");
        return cards;
    }

    private static Div snapshotCard(String title, String id, Optional<JobSnapshot> snapshot, ZoneId zone, boolean completed) {
        Div card = new Div();
        card.addClassName("card");
        card.setId(id);
        card.add(new H4(title));
        if (snapshot.isEmpty()) {
            card.add(new Span("None yet"));
            return card;
        }
        JobSnapshot s = snapshot.get();
        card.add(field("ID", String.valueOf(s.id())),
                field(completed ? "Completed" : "Failed", Formats.dateTime(completed ? s.completedAt() : s.createdAt(), zone)),
                field("Duration", Formats.duration(s.duration())));
        if (!completed && s.failureCause() != null) {
            card.add(field("Cause", s.failureCause()));
        }
        return card;
    }

    private static Div field(String label, String value) {
        Div row = new Div();
        row.addClassName("card-field");
        Span l = new Span(label);
        l.addClassName("card-label");
        row.add(l, new Span(value));
        return row;
    }
}

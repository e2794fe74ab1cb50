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
import dev.stateset.console.base.ui.UiAsync;
import dev.stateset.console.engine.CheckpointStatistics;
import dev.stateset.console.engine.CheckpointStatistics.Checkpoint;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobService;
import dev.stateset.console.live.StateChange;
import dev.stateset.console.live.StateChanges;
import dev.stateset.console.live.ui.LiveUpdates;
import dev.stateset.console.stateset.CheckpointSummary;
import dev.stateset.console.stateset.JobSnapshot;
import dev.stateset.console.stateset.RestoreService;
import dev.stateset.console.stateset.SnapshotService;
import dev.stateset.console.stateset.StateSetOverview;
import dev.stateset.console.stateset.StateSetService;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Overview tab: last successful and last failed system checkpoint (live from Flink, refreshed every few seconds
 * without blocking the page) and job snapshot (from the console's records), plus a chart of recent checkpoints.
 */
@Route(value = "workspaces/:workspaceId/jobs/:jobId/state-sets/overview", layout = MainLayout.class)
@PermitAll
public class OverviewView extends StateSetPage {

    final FlexLayout checkpointCards = cards();
    final FlexLayout snapshotCards = cards();
    final Paragraph checkpointNote = new Paragraph();
    final CheckpointChart chart = new CheckpointChart();

    OverviewView(JobService jobs, StateChanges changes, StateSetService stateSets, SnapshotService snapshotService, RestoreService restoreService) {
        super(jobs, changes, stateSets, snapshotService, restoreService);
        checkpointNote.setId("checkpoint-note");
        checkpointNote.setText("Reading checkpoints from Flink…");
        LiveUpdates.follow(this, changes, c -> job() != null && c.kind() == StateChange.Kind.SNAPSHOT && c.concerns(job().workspace().id(), job().id()),
                () -> showSnapshots(stateSets.overview(job().workspace().id(), job().id()), job().workspace().zone()));
        LiveUpdates.follow(this, changes, c -> job() != null && c.kind() == StateChange.Kind.CHECKPOINT && c.concerns(job().workspace().id(), job().id()),
                this::refreshCheckpoints);
    }

    @Override
    protected String tabName() {
        return "Overview";
    }

    @Override
    protected Component createContent(JobDetails job) {
        showSnapshots(stateSets.overview(job.workspace().id(), job.id()), job.workspace().zone());
        VerticalLayout layout = new VerticalLayout();
        stateSets.snapshotAlert(job.workspace().id(), job.id()).ifPresent(text -> {
            Div alert = new Div(new Span("Snapshot failures: " + text));
            alert.setId("snapshot-alert");
            alert.addClassName("outage-banner");
            layout.add(alert);
        });
        layout.add(new H4("System checkpoints"), checkpointNote, checkpointCards, chart, new H4("Job snapshots"), snapshotCards);
        layout.setPadding(false);
        refreshCheckpoints();
        return layout;
    }

    /** Fetches checkpoint statistics in the background and shows them when they arrive. */
    void refreshCheckpoints() {
        JobDetails job = job();
        if (job == null) {
            return;
        }
        UiAsync.load(this, () -> stateSets.checkpoints(job.workspace().id(), job.id()), summary -> showCheckpoints(summary, job.workspace().zone()));
    }

    void showCheckpoints(CheckpointSummary summary, ZoneId zone) {
        checkpointCards.removeAll();
        if (summary.statistics().isEmpty()) {
            checkpointNote.setText(summary.unavailable());
            checkpointNote.setVisible(true);
            chart.setVisible(false);
            return;
        }
        CheckpointStatistics stats = summary.statistics().get();
        CheckpointStatistics.Counts counts = stats.counts();
        checkpointNote.setText("Completed " + counts.completed() + ", failed " + counts.failed() + ", in progress "
                + counts.inProgress() + ", restored " + counts.restored() + " (current run, from Flink; counts include savepoints)");
        checkpointCards.add(checkpointCard("Last successful checkpoint", "last-completed-checkpoint", stats.latestCompleted(), zone, true),
                checkpointCard("Last failed checkpoint", "last-failed-checkpoint", stats.latestFailed(), zone, false));
        chart.setVisible(!summary.checkpoints().isEmpty());
        chart.show(summary.checkpoints());
    }

    private void showSnapshots(StateSetOverview overview, ZoneId zone) {
        snapshotCards.removeAll();
        snapshotCards.add(snapshotCard("Last successful job snapshot", "last-completed-snapshot", overview.lastCompletedSnapshot(), zone, true),
                snapshotCard("Last failed job snapshot", "last-failed-snapshot", overview.lastFailedSnapshot(), zone, false));
    }

    private static FlexLayout cards() {
        FlexLayout cards = new FlexLayout();
        cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        cards.addClassName("cards");
        return cards;
    }

    private static Div checkpointCard(String title, String id, Optional<Checkpoint> checkpoint, ZoneId zone, boolean completed) {
        Div card = card(title, id);
        if (checkpoint.isEmpty()) {
            card.add(new Span("None yet"));
            return card;
        }
        Checkpoint c = checkpoint.get();
        card.add(field("ID", String.valueOf(c.id())),
                field(completed ? "Completed" : "Failed", Formats.dateTime(c.endTime(), zone)),
                field("Duration", Formats.duration(c.duration())),
                field("Full size", Formats.bytes(c.fullSize())));
        if (!completed && c.failureMessage() != null) {
            card.add(field("Cause", c.failureMessage()));
        }
        return card;
    }

    private static Div snapshotCard(String title, String id, Optional<JobSnapshot> snapshot, ZoneId zone, boolean completed) {
        Div card = card(title, id);
        if (snapshot.isEmpty()) {
            card.add(new Span("None yet"));
            return card;
        }
        JobSnapshot s = snapshot.get();
        card.add(field("ID", String.valueOf(s.id())),
                field(completed ? "Completed" : "Failed", Formats.dateTime(s.completedAt(), zone)),
                field("Duration", Formats.duration(s.duration())));
        if (completed) {
            card.add(field("Size", Formats.bytes(s.sizeBytes())));
        } else if (s.failureCause() != null) {
            card.add(field("Cause", s.failureCause()));
        }
        return card;
    }

    private static Div card(String title, String id) {
        Div card = new Div();
        card.addClassName("card");
        card.setId(id);
        card.add(new H4(title));
        return card;
    }

    private static Div field(String label, String value) {
        Div row = new Div();
        row.addClassName("card-field");
        Span l = new Span(label);
        l.addClassName("card-label");
        Span v = new Span(value);
        v.addClassName("card-value");
        row.add(l, v);
        return row;
    }
}

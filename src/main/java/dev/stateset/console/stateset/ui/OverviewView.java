package dev.stateset.console.stateset.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;
import dev.stateset.console.base.ui.Formats;
import dev.stateset.console.base.ui.Texts;
import dev.stateset.console.engine.CheckpointStatistics;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.live.StateChange;
import dev.stateset.console.live.StateChanges;
import dev.stateset.console.live.ui.LiveUpdates;
import dev.stateset.console.stateset.CheckpointTotals;
import dev.stateset.console.stateset.FailureExplanation;
import dev.stateset.console.stateset.JobSnapshot;
import dev.stateset.console.stateset.OverviewService;
import dev.stateset.console.stateset.StateSetOverview;
import dev.stateset.console.stateset.StateSetService;
import dev.stateset.console.stateset.SystemCheckpoint;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Overview tab: system checkpoints and job snapshots kept apart (a failed savepoint is a failed job snapshot, never a
 * "failed checkpoint"), each with its last success and last failure, failures explained in plain words with the raw
 * cause one click away; Flink's summary of the current run, a chart of its recent checkpoints, and what the job's
 * snapshots occupy in storage. Everything is read from the console's records and follows changes by server push.
 */
@Route(value = "overview", layout = StateSetLayout.class)
@PermitAll
public class OverviewView extends VerticalLayout implements StateSetTab {

    private JobDetails job;

    /** How many recent checkpoints the chart shows. */
    static final int CHART_CHECKPOINTS = 30;

    final OverviewCard lastCompletedCheckpoint =
            new OverviewCard("Last successful checkpoint", "last-completed-checkpoint");
    final OverviewCard lastFailedCheckpoint = new OverviewCard("Last failed checkpoint", "last-failed-checkpoint");
    final OverviewCard lastCompletedSnapshot =
            new OverviewCard("Last successful job snapshot", "last-completed-snapshot");
    final OverviewCard lastFailedSnapshot = new OverviewCard("Last failed job snapshot", "last-failed-snapshot");
    final Paragraph checkpointNote = new Paragraph();
    final Paragraph storage = new Paragraph();
    final CheckpointChart chart = new CheckpointChart();

    final Div recoveryPoint = new Div();
    private final Span recoveryPointBadge = new Span();
    private final Span recoveryPointGap = new Span(" ");
    private final Span recoveryPointText = new Span();
    private final StateSetService stateSets;
    private final OverviewService overviews;

    OverviewView(StateChanges changes, StateSetService stateSets, OverviewService overviews) {
        this.stateSets = stateSets;
        this.overviews = overviews;
        recoveryPoint.setId("recovery-point");
        recoveryPointBadge.setId("recovery-point-badge");
        recoveryPointText.setId("recovery-point-text");
        recoveryPoint.add(recoveryPointBadge, recoveryPointGap, recoveryPointText);
        setPadding(false);
        setSizeFull();
        checkpointNote.setId("checkpoint-note");
        storage.setId("snapshot-storage");
        LiveUpdates.follow(
                this,
                changes,
                c -> job() != null
                        && c.concerns(job().workspace().id(), job().id())
                        && (c.kind() == StateChange.Kind.SNAPSHOT || c.kind() == StateChange.Kind.CHECKPOINT),
                this::refresh);
    }

    @Override
    public String tabName() {
        return "Overview";
    }

    @Override
    public void show(JobDetails job, StateSetLayout page) {
        this.job = job;
        removeAll();
        add(createContent(job));
    }

    @Override
    public JobDetails job() {
        return job;
    }

    private Component createContent(JobDetails job) {
        VerticalLayout layout = new VerticalLayout();
        stateSets.snapshotAlert(job.workspace().id(), job.id()).ifPresent(text -> {
            Div alert = new Div(new Span("Snapshot failures: " + text));
            alert.setId("snapshot-alert");
            alert.addClassName("outage-banner");
            layout.add(alert);
        });
        layout.add(
                recoveryPoint,
                new H3("System checkpoints"),
                checkpointNote,
                cards(lastCompletedCheckpoint, lastFailedCheckpoint),
                chart,
                new H3("Job snapshots"),
                cards(lastCompletedSnapshot, lastFailedSnapshot),
                storage);
        layout.setPadding(false);
        refresh();
        return layout;
    }

    @Override
    public void jobChanged(JobDetails job) {
        this.job = job;
        refresh(); // a new run starts a new summary
    }

    /**
     * Reads the overview from the console's records (no call to Flink) and redraws what changed: a pushed refresh
     * after a checkpoint sends the few texts that changed, not the tab built again (docs/benchmarks.md, section 5).
     */
    void refresh() {
        JobDetails job = job();
        ZoneId zone = job.workspace().zone();
        OverviewService.OverviewPage page = overviews.read(job.workspace().id(), job.id(), CHART_CHECKPOINTS);
        StateSetOverview overview = page.overview();
        showRecoveryPoint(page.recoveryPoint());
        lastCompletedCheckpoint.show(checkpointCard(overview.lastCompletedCheckpoint(), zone));
        lastFailedCheckpoint.show(checkpointCard(overview.lastFailedCheckpoint(), zone));
        Texts.update(checkpointNote, summary(job, overview.checkpointTotals()));
        List<SystemCheckpoint> recent = page.recentCheckpoints();
        chart.setVisible(!recent.isEmpty());
        chart.show(recent);
        lastCompletedSnapshot.show(snapshotCard(overview.lastCompletedSnapshot(), zone));
        lastFailedSnapshot.show(snapshotCard(overview.lastFailedSnapshot(), zone));
        Texts.update(
                storage,
                "Storage: " + overview.storage().snapshots()
                        + (overview.storage().snapshots() == 1 ? " job snapshot kept, " : " job snapshots kept, ")
                        + Formats.bytes(overview.storage().bytes())
                        + overview.lastCompletedCheckpoint()
                                .map(c -> "; the latest checkpoint's full state is " + Formats.bytes(c.fullSize()))
                                .orElse("")
                        + ".");
    }

    /**
     * The newest restorable state's age against the job's objective; a breach in the alert's colours. Drawn from the
     * records at each refresh, so a checkpoint completing clears it as soon as it is recorded.
     */
    private void showRecoveryPoint(dev.stateset.console.stateset.RecoveryPoint point) {
        String newest = point.newestRestorable() == null
                ? "nothing restorable yet"
                : point.newestRestorable() + " ("
                        + Formats.dateTime(
                                point.newestRestorableAt(), job.workspace().zone()) + ")";
        String age = point.age() == null ? "" : ", " + Formats.duration(point.age()) + " old";
        String objective = point.objective() == null
                ? "; no objective set (Configuration → Recovery point)"
                : "; objective " + Formats.duration(point.objective())
                        + (point.running() ? "" : ", checked while the job runs");
        Texts.update(recoveryPointText, "Recovery point: " + newest + age + objective + ".");
        boolean judged = point.objective() != null && point.running();
        recoveryPointBadge.setVisible(judged);
        recoveryPointGap.setVisible(judged);
        if (judged) {
            Texts.update(recoveryPointBadge, point.breached() ? "Objective breached" : "Within objective");
            recoveryPointBadge.getElement().setAttribute("theme", point.breached() ? "badge error" : "badge success");
        }
        recoveryPoint.setClassName("outage-banner", point.breached());
    }

    static String summary(JobDetails job, Optional<CheckpointTotals> totals) {
        if (job.engineJobId() == null) {
            return "No checkpoints yet: the job has not run on Flink.";
        }
        return totals.filter(t -> t.run().equals(job.engineJobId()))
                .map(t -> {
                    CheckpointStatistics.Counts counts = t.counts();
                    CheckpointStatistics.Summary s = t.summary();
                    String text = "Current run (Flink's figures, savepoints included): " + counts.completed()
                            + " completed, " + counts.failed() + " failed, " + counts.inProgress() + " in progress, "
                            + counts.restored() + " restored.";
                    if (counts.completed() > 0) {
                        text += " Duration min " + ms(s.durationMs().min()) + " · avg "
                                + ms(s.durationMs().avg()) + " · max "
                                + ms(s.durationMs().max())
                                + " · p95 " + ms(s.durationMs().p95()) + ". Full size min "
                                + Formats.bytes(s.fullSize().min()) + " · avg "
                                + Formats.bytes(s.fullSize().avg()) + " · max "
                                + Formats.bytes(s.fullSize().max()) + " · p95 "
                                + Formats.bytes(s.fullSize().p95()) + ".";
                    }
                    return text;
                })
                .orElse("No checkpoint of the current run recorded yet.");
    }

    private static String ms(long millis) {
        return Formats.duration(java.time.Duration.ofMillis(millis));
    }

    private static FlexLayout cards(OverviewCard... shown) {
        FlexLayout cards = new FlexLayout(shown);
        cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        cards.addClassName("cards");
        return cards;
    }

    private static OverviewCard.Content checkpointCard(Optional<SystemCheckpoint> checkpoint, ZoneId zone) {
        return checkpoint
                .map(c -> endedCard(
                        c.checkpointId(),
                        c.completed(),
                        c.endTime(),
                        c.duration(),
                        "Full size",
                        c.fullSize(),
                        c.failureMessage(),
                        zone))
                .orElse(OverviewCard.Content.NONE_YET);
    }

    private static OverviewCard.Content snapshotCard(Optional<JobSnapshot> snapshot, ZoneId zone) {
        return snapshot.map(s -> endedCard(
                        s.id(),
                        s.status() == dev.stateset.console.stateset.SnapshotStatus.COMPLETED,
                        s.completedAt(),
                        s.duration(),
                        "Size",
                        s.sizeBytes(),
                        s.failureCause(),
                        zone))
                .orElse(OverviewCard.Content.NONE_YET);
    }

    /** A card for the last checkpoint or snapshot that ended: its id, end, duration, and its size or its failure. */
    private static OverviewCard.Content endedCard(
            long id,
            boolean completed,
            java.time.Instant ended,
            java.time.Duration duration,
            String sizeLabel,
            Long size,
            String failure,
            ZoneId zone) {
        OverviewCard.Row idRow = new OverviewCard.Row("ID", String.valueOf(id));
        OverviewCard.Row endRow =
                new OverviewCard.Row(completed ? "Completed" : "Failed", Formats.dateTime(ended, zone));
        OverviewCard.Row durationRow = new OverviewCard.Row("Duration", Formats.duration(duration));
        return completed
                ? OverviewCard.Content.completed(
                        idRow, endRow, durationRow, new OverviewCard.Row(sizeLabel, Formats.bytes(size)))
                : OverviewCard.Content.failed(FailureExplanation.of(failure), idRow, endRow, durationRow);
    }

    /** The failure in plain words with advice; Flink's (or the storage's) own message behind one click. */
    static Component cause(FailureExplanation explanation) {
        Div cause = new Div();
        cause.addClassName("failure-cause");
        if (explanation == null) {
            cause.add(new Span("No cause was reported."));
            return cause;
        }
        Span headline = new Span(explanation.headline());
        headline.addClassName("failure-headline");
        cause.add(headline);
        if (explanation.advice() != null) {
            Span advice = new Span(explanation.advice());
            advice.addClassName("failure-advice");
            cause.add(advice);
        }
        Details raw = new Details("Raw cause", new Pre(explanation.raw()));
        raw.addClassName("failure-raw");
        cause.add(raw);
        return cause;
    }
}

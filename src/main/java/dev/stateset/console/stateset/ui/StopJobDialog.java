package dev.stateset.console.stateset.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import dev.stateset.console.base.ui.Formats;
import dev.stateset.console.base.ui.Notifications;
import dev.stateset.console.base.ui.UiAsync;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.live.StateChange;
import dev.stateset.console.live.StateChanges;
import dev.stateset.console.live.ui.LiveUpdates;
import dev.stateset.console.stateset.JobLifecycleService;
import dev.stateset.console.stateset.JobSnapshot;
import dev.stateset.console.stateset.SnapshotFormat;
import dev.stateset.console.stateset.SnapshotStatus;
import dev.stateset.console.stateset.StateSetService;

/**
 * Stop Job: with a final snapshot (optionally draining the sources) or without. While the stop snapshot runs the
 * dialog waits; if it fails the job keeps running and the dialog says why, shows the latest retained checkpoint as
 * the fallback state, and offers: retry, stop without a snapshot (its retained checkpoints stay to start from), or keep
 * the job running. It follows the snapshot by server push: a modal dialog makes the page inert, and Vaadin ignores the
 * client's poll events from an inert page, so a polling dialog never learned that the snapshot had finished.
 */
class StopJobDialog extends Dialog {

    private final UiAsync async;

    enum Mode {
        WITH_SNAPSHOT,
        WITHOUT_SNAPSHOT
    }

    final RadioButtonGroup<Mode> mode = new RadioButtonGroup<>("Stop");
    final Checkbox drain = new Checkbox("Drain the sources first (flush windows and timers)");
    final RadioButtonGroup<SnapshotFormat> format = new RadioButtonGroup<>("Snapshot format");
    final Paragraph status = new Paragraph();
    final ProgressBar progress = new ProgressBar();
    final Button stop = new Button("Stop job");
    final Button stopWithout = new Button("Stop without snapshot");
    final Button keepRunning = new Button("Keep it running");
    private final JobLifecycleService lifecycle;
    private final StateSetService stateSets;
    private final JobDetails job;
    private final Runnable onStopped;
    private Long pending;

    StopJobDialog(
            JobLifecycleService lifecycle,
            StateSetService stateSets,
            UiAsync async,
            StateChanges changes,
            JobDetails job,
            Runnable onStopped) {
        this.async = async;
        this.lifecycle = lifecycle;
        this.stateSets = stateSets;
        this.job = job;
        this.onStopped = onStopped;
        setHeaderTitle("Stop " + job.name());
        mode.setId("stop-mode");
        mode.setItems(Mode.values());
        mode.setItemLabelGenerator(
                m -> m == Mode.WITH_SNAPSHOT ? "With a snapshot (recorded as STOP)" : "Without a snapshot (cancel)");
        mode.setValue(Mode.WITH_SNAPSHOT);
        format.setId("stop-format");
        format.setItems(SnapshotFormat.values());
        format.setValue(SnapshotFormat.CANONICAL);
        format.setItemLabelGenerator(f -> f == SnapshotFormat.CANONICAL
                ? "CANONICAL (portable: any state backend, other Flink versions)"
                : "NATIVE (the state backend's own files: faster to take and restore)");
        mode.addValueChangeListener(e -> {
            drain.setVisible(e.getValue() == Mode.WITH_SNAPSHOT);
            format.setVisible(e.getValue() == Mode.WITH_SNAPSHOT);
        });
        status.setId("stop-status");
        progress.setIndeterminate(true);
        progress.setVisible(false);
        Paragraph note = new Paragraph("Manual snapshots stay after the stop until someone deletes them.");
        note.addClassName("dialog-note");
        add(mode, format, drain, note, progress, status);

        stop.setId("confirm-stop-job");
        stop.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        stop.addClickListener(e -> stop(mode.getValue() == Mode.WITH_SNAPSHOT));
        stopWithout.setId("stop-without-snapshot");
        stopWithout.setVisible(false);
        stopWithout.addClickListener(e -> stop(false));
        keepRunning.setId("keep-running");
        keepRunning.setVisible(false);
        keepRunning.addClickListener(e -> close());
        getFooter().add(new Button("Cancel", e -> close()), keepRunning, stopWithout, stop);
        LiveUpdates.follow(
                this,
                changes,
                c -> c.concerns(job.workspace().id(), job.id())
                        && (c.kind() == StateChange.Kind.SNAPSHOT || c.kind() == StateChange.Kind.JOB),
                this::check);
    }

    void stop(boolean withSnapshot) {
        // Cancelling (or asking for the final savepoint) is a call to Flink: off the UI thread, buttons busy meanwhile.
        stop.setEnabled(false);
        stopWithout.setEnabled(false);
        status.setText(withSnapshot ? "Asking Flink for the final snapshot…" : "Stopping…");
        async.load(
                this,
                () -> lifecycle.stop(job.workspace().id(), job.id(), withSnapshot, drain.getValue(), format.getValue()),
                snapshot -> {
                    stopWithout.setEnabled(true);
                    if (snapshot.isEmpty()) {
                        Notifications.success(job.name() + " stopped without a snapshot");
                        close();
                        onStopped.run();
                        return;
                    }
                    pending = snapshot.get().id();
                    progress.setVisible(true);
                    status.setText("Taking the final snapshot…");
                    check(); // it may have finished before this answer came back: its change has been pushed already
                },
                failure -> {
                    stop.setEnabled(true);
                    stopWithout.setEnabled(true);
                    status.setText("Could not stop: " + failure.getMessage());
                });
    }

    /** Follows the stop snapshot until it completes (close) or fails (explain and offer the ways out). */
    void check() {
        if (pending == null) {
            return;
        }
        JobSnapshot s = stateSets.snapshot(job.workspace().id(), job.id(), pending);
        if (s.status() == SnapshotStatus.IN_PROGRESS) {
            return;
        }
        pending = null;
        progress.setVisible(false);
        if (s.status() == SnapshotStatus.COMPLETED) {
            Notifications.success(job.name() + " stopped with snapshot " + s.id());
            close();
            onStopped.run();
            return;
        }
        String failed = "The stop snapshot failed, so the job is still running: " + s.failureCause() + ".";
        // Stopping without a snapshot cancels the job; its retained checkpoints outlive the cancel
        // (RETAIN_ON_CANCELLATION).
        stopWithout.setText("Stop without snapshot (keep the retained checkpoints)");
        status.setText(failed);
        // The fallback is read from the storage: off the UI thread, added when it comes.
        async.load(
                this,
                () -> stateSets.latestRetainedCheckpoint(job.workspace().id(), job.id()),
                latest -> status.setText(failed
                        + latest.map(
                                        c -> " The latest retained checkpoint is " + c.location() + " ("
                                                + Formats.dateTime(
                                                        c.completedAt(),
                                                        job.workspace().zone())
                                                + "): stop without a snapshot and start later \"From the latest state\" to continue from it.")
                                .orElse(" There is no retained checkpoint to fall back on.")),
                problem -> status.setText(
                        failed + " The retained checkpoints could not be listed: " + problem.getMessage()));
        stop.setText("Retry");
        stop.setEnabled(true);
        stopWithout.setVisible(true);
        keepRunning.setVisible(true);
    }
}

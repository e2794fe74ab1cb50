package dev.stateset.console.stateset.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.base.ui.FieldErrorDisplay;
import dev.stateset.console.base.ui.Formats;
import dev.stateset.console.base.ui.Notifications;
import dev.stateset.console.base.ui.UiAsync;
import dev.stateset.console.engine.EngineRejectedException;
import dev.stateset.console.engine.EngineUnavailableException;
import dev.stateset.console.engine.JobLaunch;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.StartStrategy;
import dev.stateset.console.stateset.JobLifecycleService;
import dev.stateset.console.stateset.RestorableSnapshot;
import dev.stateset.console.stateset.StateSetService;
import java.util.List;

/**
 * Start Job: without state, from the latest snapshot, from the latest state, or from a chosen snapshot (of this or
 * another job of the workspace), with allowNonRestoredState and the claim mode. A running job is refused with a
 * way to stop it first.
 */
class StartJobDialog extends Dialog {

    private final UiAsync async;

    final RadioButtonGroup<StartStrategy> strategy = new RadioButtonGroup<>("Start");
    final ComboBox<RestorableSnapshot> snapshot = new ComboBox<>("Snapshot");
    final Checkbox allowNonRestoredState =
            new Checkbox("Allow non-restored state (skip state of operators the job no longer has)");
    final Select<JobLaunch.ClaimMode> claimMode = new Select<>();
    final Paragraph problem = new Paragraph();
    final Div compatibility = new Div();
    final Checkbox confirmDrop = new Checkbox("I understand: the state of the operators listed above will be dropped");
    final Button start = new Button("Start job");

    StartJobDialog(
            JobLifecycleService lifecycle,
            StateSetService stateSets,
            UiAsync async,
            JobDetails job,
            Long preselectedSnapshot,
            Runnable onStarted,
            Runnable openStop) {
        this.async = async;
        setHeaderTitle("Start " + job.name());
        problem.setId("start-problem");
        problem.addClassName("cron-editor-error");
        problem.getElement().setAttribute("role", "alert");
        if (job.status().isRunning()) {
            problem.setText("The job is RUNNING: stop the job first.");
            Button stop = new Button("Stop job…", e -> {
                close();
                openStop.run();
            });
            stop.setId("start-dialog-stop");
            add(problem);
            getFooter().add(new Button("Close", e -> close()), stop);
            return;
        }
        strategy.setId("start-strategy");
        strategy.setItems(StartStrategy.values());
        strategy.setItemLabelGenerator(s -> switch (s) {
            case STATELESS -> "Without state";
            case LATEST_SNAPSHOT -> "From the latest job snapshot";
            case LATEST_STATE ->
                "From the latest state (the newer of the latest retained checkpoint and the latest snapshot)";
            case SNAPSHOT -> "From a specific snapshot (also of another job)";
        });
        List<RestorableSnapshot> choices =
                stateSets.restorableSnapshots(job.workspace().id());
        snapshot.setId("start-snapshot");
        snapshot.setWidth("36em");
        snapshot.setItems(choices);
        snapshot.setItemLabelGenerator(s -> "#" + s.id() + " · " + s.jobName() + " · "
                + Formats.dateTime(s.completedAt(), job.workspace().zone()) + " · " + s.format() + " · "
                + Formats.bytes(s.sizeBytes()));
        claimMode.setLabel("Restore mode");
        claimMode.setItems(JobLaunch.ClaimMode.values());
        claimMode.setValue(JobLaunch.ClaimMode.NO_CLAIM);
        claimMode.setHelperText(
                "NO_CLAIM leaves the snapshot untouched; CLAIM hands it to Flink, which may delete it later");
        allowNonRestoredState.setId("start-allow-non-restored");
        strategy.addValueChangeListener(e -> snapshot.setVisible(e.getValue() == StartStrategy.SNAPSHOT));
        if (preselectedSnapshot != null) {
            strategy.setValue(StartStrategy.SNAPSHOT);
            choices.stream()
                    .filter(s -> s.id() == preselectedSnapshot)
                    .findFirst()
                    .ifPresent(snapshot::setValue);
        } else {
            strategy.setValue(StartStrategy.LATEST_STATE);
        }
        snapshot.setVisible(strategy.getValue() == StartStrategy.SNAPSHOT);
        compatibility.setId("start-compatibility");
        compatibility.addClassName("outage-banner");
        compatibility.setVisible(false);
        confirmDrop.setId("start-confirm-drop");
        confirmDrop.setVisible(false);
        strategy.addValueChangeListener(e -> checkCompatibility(lifecycle, job));
        snapshot.addValueChangeListener(e -> checkCompatibility(lifecycle, job));
        allowNonRestoredState.addValueChangeListener(e -> updateStartEnabled());
        confirmDrop.addValueChangeListener(e -> updateStartEnabled());
        add(strategy, snapshot, compatibility, claimMode, allowNonRestoredState, confirmDrop, problem);

        FieldErrorDisplay errors = new FieldErrorDisplay().bind("snapshotId", snapshot);
        start.setId("confirm-start-job");
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        start.addClickListener(e -> {
            problem.setText("");
            JobLifecycleService.StartRequest request = new JobLifecycleService.StartRequest(
                    strategy.getValue(),
                    snapshot.getValue() == null ? null : snapshot.getValue().id(),
                    allowNonRestoredState.getValue(),
                    claimMode.getValue());
            // Uploading the jar and submitting to Flink may take seconds (or hang): off the UI thread, button busy
            // meanwhile.
            starting = true;
            start.setText("Starting…");
            updateStartEnabled();
            async.load(
                    this,
                    () -> lifecycle.start(job.workspace().id(), job.id(), request),
                    started -> {
                        Notifications.success(job.name() + " is starting");
                        close();
                        onStarted.run();
                    },
                    failure -> {
                        starting = false;
                        start.setText("Start job");
                        updateStartEnabled();
                        if (failure instanceof InvalidInputException ex) {
                            errors.show(ex);
                            ex.fieldErrors().forEach((field, message) -> {
                                if (!field.equals("snapshotId")) {
                                    problem.setText(message);
                                }
                            });
                        } else if (failure instanceof EngineRejectedException
                                || failure instanceof EngineUnavailableException) {
                            problem.setText("Flink refused the start: " + failure.getMessage());
                        } else {
                            problem.setText("Could not start: " + failure.getMessage());
                        }
                    });
        });
        getFooter().add(new Button("Cancel", e -> close()), start);
        checkCompatibility(lifecycle, job);
    }

    private JobLifecycleService.Compatibility checked;
    /** A compatibility check or a start is under way (Start waits for it). */
    private boolean checking;

    private boolean starting;
    /** Which check's answer to show: a newer choice makes an older check's late answer irrelevant. */
    private int check;

    /**
     * Before restoring from a chosen snapshot: which operators' state would be dropped, which start empty. Reading the
     * snapshot's metadata and building the job's graph take a moment: off the UI thread.
     */
    private void checkCompatibility(JobLifecycleService lifecycle, JobDetails job) {
        checked = null;
        compatibility.removeAll();
        confirmDrop.setVisible(false);
        confirmDrop.setValue(false);
        int thisCheck = ++check;
        checking = strategy.getValue() == StartStrategy.SNAPSHOT && snapshot.getValue() != null;
        if (checking) {
            long snapshotId = snapshot.getValue().id();
            compatibility.add(new Paragraph("Checking the snapshot against the job…"));
            async.load(
                    this,
                    () -> lifecycle.compatibility(job.workspace().id(), job.id(), snapshotId),
                    result -> showCompatibility(thisCheck, result, null),
                    failure -> showCompatibility(thisCheck, null, failure));
        }
        compatibility.setVisible(compatibility.getComponentCount() > 0);
        updateStartEnabled();
    }

    private void showCompatibility(int forCheck, JobLifecycleService.Compatibility result, RuntimeException failure) {
        if (forCheck != check) {
            return;
        }
        checking = false;
        checked = result;
        compatibility.removeAll();
        if (failure != null) {
            compatibility.add(
                    new Paragraph("The snapshot could not be checked against the job: " + failure.getMessage()));
        } else {
            if (result.dropsState()) {
                compatibility.add(new Paragraph(
                        "Restoring from this snapshot drops the state of: " + String.join(", ", result.droppedState())
                                + ". The start needs allowNonRestoredState and your confirmation."));
            }
            if (!result.startingEmpty().isEmpty()) {
                compatibility.add(new Paragraph("Without state in the snapshot (they start empty): "
                        + String.join(", ", result.startingEmpty())));
            }
        }
        compatibility.setVisible(compatibility.getComponentCount() > 0);
        confirmDrop.setVisible(checked != null && checked.dropsState());
        updateStartEnabled();
    }

    /** State is never dropped silently: a start that drops state needs both allowNonRestoredState and the confirmation. */
    private void updateStartEnabled() {
        boolean drops = checked != null && checked.dropsState();
        start.setEnabled(
                !checking && !starting && (!drops || (allowNonRestoredState.getValue() && confirmDrop.getValue())));
    }
}

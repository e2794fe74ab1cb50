package dev.stateset.console.stateset.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.base.ui.FieldErrorDisplay;
import dev.stateset.console.base.ui.Notifications;
import dev.stateset.console.base.ui.NumberFields;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.stateset.RecoveryPoint;
import dev.stateset.console.stateset.RecoveryPointDraft;
import dev.stateset.console.stateset.RecoveryPointService;

/** The Configuration tab's recovery-point objective: how old the newest restorable state may grow while the job runs. */
class RecoveryPointForm extends VerticalLayout {

    final IntegerField minutes = new IntegerField("Recovery-point objective");
    final Checkbox snapshotOnBreach = new Checkbox("Take a job snapshot when the objective is breached");
    final Button save = new Button("Save recovery-point objective");
    private final FieldErrorDisplay errors = new FieldErrorDisplay();

    RecoveryPointForm(RecoveryPointService recoveryPoints, JobDetails job) {
        setPadding(false);
        minutes.setId("rpo-minutes");
        NumberFields.range(minutes, 1, RecoveryPointDraft.MAX_MINUTES, "minutes");
        minutes.setSuffixComponent(new Span("min"));
        minutes.setHelperText(
                "Empty for none. E.g. the source's retention minus a margin: older state cannot be " + "replayed");
        minutes.setClearButtonVisible(true);
        snapshotOnBreach.setId("rpo-snapshot-on-breach");
        save.setId("save-recovery-point");
        errors.bind("objectiveMinutes", minutes);
        RecoveryPoint current = recoveryPoints.get(job.workspace().id(), job.id());
        minutes.setValue(
                current.objective() == null ? null : (int) current.objective().toMinutes());
        snapshotOnBreach.setValue(current.snapshotOnBreach());
        boolean editable = job.canEdit();
        minutes.setReadOnly(!editable);
        snapshotOnBreach.setReadOnly(!editable);
        save.setVisible(editable);
        save.addClickListener(e -> {
            if (!NumberFields.accepted(minutes)) {
                return;
            }
            try {
                RecoveryPoint saved = recoveryPoints.save(
                        job.workspace().id(),
                        job.id(),
                        new RecoveryPointDraft(
                                minutes.getValue(), minutes.getValue() != null && snapshotOnBreach.getValue()));
                errors.clear();
                snapshotOnBreach.setValue(saved.snapshotOnBreach());
                Notifications.success(
                        saved.objective() == null
                                ? "Recovery-point objective removed"
                                : "Recovery-point objective saved: "
                                        + saved.objective().toMinutes() + " min");
            } catch (InvalidInputException ex) {
                errors.show(ex);
            }
        });
        Paragraph about = new Paragraph(
                "The newest restorable state (a completed checkpoint or job snapshot) of the "
                        + "running job may be at most this old. A breach raises the job's alert and the workspace webhook once.");
        about.addClassName("applies-at-next-start");
        HorizontalLayout row = new HorizontalLayout(minutes, snapshotOnBreach);
        row.setAlignItems(Alignment.BASELINE);
        add(new H3("Recovery point"), about, row, save);
    }
}

package dev.stateset.console.stateset.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import dev.stateset.console.base.FieldErrors;
import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.base.ui.FieldErrorDisplay;
import dev.stateset.console.base.ui.Notifications;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.stateset.JobSnapshot;
import dev.stateset.console.stateset.SnapshotFormat;
import dev.stateset.console.stateset.SnapshotService;
import java.util.function.Consumer;

/** Create Snapshot: format and description; the snapshot then completes in the background. */
class CreateSnapshotDialog extends Dialog {

    final RadioButtonGroup<SnapshotFormat> format = new RadioButtonGroup<>("Format");
    final TextArea description = new TextArea("Description");
    final Button create = new Button("Create Snapshot");

    CreateSnapshotDialog(SnapshotService snapshots, JobDetails job, Consumer<JobSnapshot> onCreated) {
        setHeaderTitle("Create snapshot of " + job.name());
        format.setId("snapshot-format");
        format.setItems(SnapshotFormat.values());
        format.setValue(SnapshotFormat.CANONICAL);
        format.setItemLabelGenerator(f -> f == SnapshotFormat.CANONICAL
                ? "CANONICAL: portable across state backends"
                : "NATIVE: faster to take and restore, same backend only");
        description.setId("snapshot-description");
        description.setMaxLength(FieldErrors.MAX_DESCRIPTION_LENGTH + 10);
        description.setWidthFull();
        description.setHelperText("Why this snapshot, e.g. 'before deploying v2.3'");
        Paragraph note = new Paragraph("Manual snapshots are never deleted automatically while the job runs; "
                + "after a stop they stay until someone deletes them.");
        note.addClassName("dialog-note");
        add(format, description, note);
        FieldErrorDisplay errors =
                new FieldErrorDisplay().bind("description", description).bind("format", format);
        // Inside a blackout window the team keeps snapshots out of (peak hours): say so, and ask before taking one.
        snapshots.blackoutEndsAt(job.workspace().id(), job.id()).ifPresent(end -> {
            Paragraph warning = new Paragraph("This job is inside a blackout window until "
                    + dev.stateset.console.base.ui.Formats.dateTime(
                            end, job.workspace().zone())
                    + ": no scheduled snapshot starts now, to keep the job's peak hours free. A savepoint now adds "
                    + "load while it is taken.");
            warning.setId("blackout-warning");
            warning.addClassName("outage-banner");
            com.vaadin.flow.component.checkbox.Checkbox confirm =
                    new com.vaadin.flow.component.checkbox.Checkbox("Take it inside the blackout window");
            confirm.setId("confirm-blackout");
            create.setEnabled(false);
            confirm.addValueChangeListener(e -> create.setEnabled(e.getValue()));
            // One block above the form: a dialog lays its children out inline.
            addComponentAsFirst(new com.vaadin.flow.component.html.Div(warning, confirm));
        });

        create.setId("confirm-create-snapshot");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(e -> {
            try {
                JobSnapshot snapshot =
                        snapshots.create(job.workspace().id(), job.id(), format.getValue(), description.getValue());
                Notifications.success("Snapshot " + snapshot.id() + " started");
                close();
                onCreated.accept(snapshot);
            } catch (InvalidInputException ex) {
                errors.show(ex);
            }
        });
        getFooter().add(new Button("Cancel", e -> close()), create);
    }
}

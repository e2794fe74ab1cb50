package dev.stateset.console.stateset.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.stateset.console.base.FieldErrors;
import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.base.ui.FieldErrorDisplay;
import dev.stateset.console.base.ui.Notifications;
import dev.stateset.console.base.ui.UiAsync;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.stateset.JobSnapshot;
import dev.stateset.console.stateset.SnapshotRegistry;
import java.util.function.Consumer;

/**
 * Register a snapshot made elsewhere (another cluster, Flink's CLI, a previous console) by its location. Its metadata is
 * read off the UI thread: it may be on S3.
 */
class RegisterSnapshotDialog extends Dialog {

    final TextField location = new TextField("Location");
    final TextArea description = new TextArea("Description");
    final Button register = new Button("Register");

    RegisterSnapshotDialog(SnapshotRegistry snapshots, UiAsync async, JobDetails job, Consumer<JobSnapshot> onDone) {
        setHeaderTitle("Register a snapshot for " + job.name());
        setWidth("min(44rem, 95vw)");
        location.setId("register-location");
        location.setWidthFull();
        location.setPlaceholder("s3://team-savepoints/orders/savepoint-1a2b3c-4d5e6f7a8b9c");
        location.setHelperText("The savepoint's (or retained checkpoint's) directory, the one holding _metadata");
        description.setId("register-description");
        description.setWidthFull();
        description.setMaxLength(FieldErrors.MAX_DESCRIPTION_LENGTH + 10);
        Paragraph note = new Paragraph("A registered snapshot can be restored into this job or another of the"
                + " workspace. Cleanup never deletes it; deleting it by hand disposes its files.");
        note.addClassName("dialog-note");
        add(location, description, note);
        FieldErrorDisplay errors =
                new FieldErrorDisplay().bind("location", location).bind("description", description);

        register.setId("confirm-register-snapshot");
        register.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        register.addClickListener(e -> {
            register.setEnabled(false);
            errors.clear();
            String at = location.getValue();
            String text = description.getValue();
            async.load(
                    this,
                    () -> snapshots.register(job.workspace().id(), job.id(), at, text),
                    snapshot -> {
                        Notifications.success("Snapshot " + snapshot.id() + " registered");
                        close();
                        onDone.accept(snapshot);
                    },
                    failed -> {
                        register.setEnabled(true);
                        if (failed instanceof InvalidInputException invalid) {
                            errors.show(invalid);
                        } else {
                            Notifications.error(failed.getMessage());
                        }
                    });
        });
        getFooter().add(new Button("Cancel", e -> close()), register);
    }
}

package dev.stateset.console.job.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.base.ui.FieldErrorDisplay;
import dev.stateset.console.base.ui.Notifications;
import dev.stateset.console.base.ui.NumberFields;
import dev.stateset.console.job.JobArtifacts;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobDraft;
import dev.stateset.console.job.JobService;

/** Create (existing == null) or edit a job's definition. */
public class JobDialog extends Dialog {

    final TextField name = new TextField("Name");
    final TextArea description = new TextArea("Description");
    final TextField artifact = new TextField("Artifact (job jar)");
    final TextField entryClass = new TextField("Entry class");
    final TextField programArgs = new TextField("Program arguments");
    final IntegerField parallelism = new IntegerField("Parallelism");
    final Button save = new Button("Save");
    final Upload jarUpload;

    public JobDialog(JobService jobs, long workspaceId, JobDetails existing, Runnable onSaved) {
        setHeaderTitle(existing == null ? "New job" : "Edit job");
        // The jar streams into the console's artifact store (on the upload's own request, not the UI thread); the
        // artifact field then names it, and its manifest's Main-Class fills an empty entry class.
        jarUpload = new Upload(event -> {
            UI ui = event.getUI();
            try {
                JobArtifacts.UploadedArtifact uploaded =
                        jobs.uploadArtifact(workspaceId, event.getFileName(), event.getInputStream());
                ui.access(() -> {
                    artifact.setValue(uploaded.artifact());
                    artifact.setInvalid(false);
                    if (entryClass.isEmpty() && uploaded.mainClass() != null) {
                        entryClass.setValue(uploaded.mainClass());
                    }
                    Notifications.success(uploaded.fileName() + " uploaded (" + uploaded.sizeBytes() / 1024 + " KiB)");
                });
            } catch (InvalidInputException e) {
                ui.access(() -> {
                    artifact.setInvalid(true);
                    artifact.setErrorMessage(String.join("; ", e.fieldErrors().values()));
                });
            }
        });
        name.setId("job-name");
        artifact.setId("job-artifact");
        entryClass.setId("job-entry-class");
        parallelism.setId("job-parallelism");
        parallelism.setStepButtonsVisible(true);
        NumberFields.range(parallelism, 1, JobService.MAX_PARALLELISM, "");
        parallelism.setValue(1);
        if (existing != null) {
            name.setValue(existing.name());
            description.setValue(existing.description());
            artifact.setValue(existing.artifact() == null ? "" : existing.artifact());
            entryClass.setValue(existing.entryClass() == null ? "" : existing.entryClass());
            programArgs.setValue(existing.programArgs());
            parallelism.setValue(existing.parallelism());
        }
        FieldErrorDisplay errors = new FieldErrorDisplay()
                .bind("name", name)
                .bind("description", description)
                .bind("artifact", artifact)
                .bind("entryClass", entryClass)
                .bind("programArgs", programArgs)
                .bind("parallelism", parallelism);
        artifact.setHelperText(
                "Upload a jar below, or " + JobArtifacts.BUILTIN + " for the demo jobs, cluster:<jar id> for a jar the "
                        + "Flink cluster has, file:<path> in a directory an admin allowed");
        jarUpload.setId("job-jar-upload");
        jarUpload.setMaxFiles(1);
        jarUpload.setAcceptedFileTypes(".jar", "application/java-archive", "application/x-java-archive");
        jarUpload.setDropLabel(new com.vaadin.flow.component.html.Span("Drop the job jar here"));
        add(new FormLayout(name, parallelism, artifact, jarUpload, entryClass, programArgs, description));

        save.setId("save-job");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> {
            if (!NumberFields.accepted(parallelism)) {
                return;
            }
            JobDraft draft = new JobDraft(
                    name.getValue(),
                    description.getValue(),
                    artifact.getValue(),
                    entryClass.getValue(),
                    programArgs.getValue(),
                    parallelism.getValue() == null ? 0 : parallelism.getValue());
            try {
                if (existing == null) {
                    jobs.create(workspaceId, draft);
                } else {
                    jobs.update(workspaceId, existing.id(), draft);
                }
                Notifications.success("Job saved");
                close();
                onSaved.run();
            } catch (InvalidInputException ex) {
                errors.show(ex);
            }
        });
        getFooter().add(new Button("Cancel", e -> close()), save);
    }
}

package dev.stateset.console.job.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.base.ui.FieldErrorDisplay;
import dev.stateset.console.base.ui.Notifications;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobDraft;
import dev.stateset.console.job.JobService;

/** Create (existing == null) or edit a job's definition. */
class JobDialog extends Dialog {

    final TextField name = new TextField("Name");
    final TextArea description = new TextArea("Description");
    final TextField artifact = new TextField("Artifact (job jar)");
    final TextField entryClass = new TextField("Entry class");
    final TextField programArgs = new TextField("Program arguments");
    final IntegerField parallelism = new IntegerField("Parallelism");
    final Button save = new Button("Save");

    JobDialog(JobService jobs, long workspaceId, JobDetails existing, Runnable onSaved) {
        setHeaderTitle(existing == null ? "New job" : "Edit job");
        name.setId("job-name");
        parallelism.setId("job-parallelism");
        parallelism.setStepButtonsVisible(true);
        parallelism.setMin(1);
        parallelism.setValue(1);
        if (existing != null) {
            name.setValue(existing.name());
            description.setValue(existing.description());
            artifact.setValue(existing.artifact() == null ? "" : existing.artifact());
            entryClass.setValue(existing.entryClass() == null ? "" : existing.entryClass());
            programArgs.setValue(existing.programArgs());
            parallelism.setValue(existing.parallelism());
        }
        FieldErrorDisplay errors = new FieldErrorDisplay().bind("name", name).bind("description", description)
                .bind("artifact", artifact).bind("entryClass", entryClass).bind("programArgs", programArgs)
                .bind("parallelism", parallelism);
        add(new FormLayout(name, parallelism, artifact, entryClass, programArgs, description));

        save.setId("save-job");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> {
            JobDraft draft = new JobDraft(name.getValue(), description.getValue(), artifact.getValue(), entryClass.getValue(),
                    programArgs.getValue(), parallelism.getValue() == null ? 0 : parallelism.getValue());
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

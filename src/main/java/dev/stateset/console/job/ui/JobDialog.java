package dev.stateset.console.job.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.base.ui.FieldErrorDisplay;
import dev.stateset.console.base.ui.Notifications;
import dev.stateset.console.base.ui.NumberFields;
import dev.stateset.console.base.ui.UiAsync;
import dev.stateset.console.engine.ClusterJar;
import dev.stateset.console.job.JobAdoption;
import dev.stateset.console.job.JobArtifacts;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobDraft;
import dev.stateset.console.job.JobService;
import java.util.ArrayList;
import java.util.List;

/**
 * Create (existing == null) or edit a job's definition. The jar is a choice, not a string to know: upload one (drag
 * and drop), pick one the cluster has, or the built-in demo jobs; the entry class is offered from what the jar says.
 */
public class JobDialog extends Dialog {

    /** Where the job's jar comes from. */
    enum JarSource {
        UPLOAD("Upload a jar"),
        CLUSTER("A jar the cluster has"),
        BUILTIN("Built-in demo jobs"),
        REFERENCE("Other reference");

        final String label;

        JarSource(String label) {
            this.label = label;
        }

        static JarSource of(String artifact) {
            if (artifact == null || artifact.isBlank() || artifact.startsWith(JobArtifacts.UPLOAD)) {
                return UPLOAD;
            }
            if (artifact.startsWith(JobArtifacts.CLUSTER)) {
                return CLUSTER;
            }
            return artifact.equals(JobArtifacts.BUILTIN) ? BUILTIN : REFERENCE;
        }
    }

    final TextField name = new TextField("Name");
    final TextArea description = new TextArea("Description");
    final RadioButtonGroup<JarSource> jarSource = new RadioButtonGroup<>("Job jar");
    final ComboBox<ClusterJar> clusterJar = new ComboBox<>("Jar on the cluster");
    final TextField artifact = new TextField("Artifact");
    final ComboBox<String> entryClass = new ComboBox<>("Entry class");
    final TextField programArgs = new TextField("Program arguments");
    final IntegerField parallelism = new IntegerField("Parallelism");
    final Button save = new Button("Save");
    final Upload jarUpload;
    private final List<String> entryChoices = new ArrayList<>();

    public JobDialog(
            JobService jobs,
            JobAdoption cluster,
            UiAsync async,
            long workspaceId,
            JobDetails existing,
            Runnable onSaved) {
        setHeaderTitle(existing == null ? "New job" : "Edit job");
        setWidth("min(46rem, 95vw)");
        // The jar streams into the console's artifact store (on the upload's own request, not the UI thread); the
        // artifact field then names it, and its manifest's Main-Class is offered as the entry class.
        jarUpload = new Upload(event -> {
            UI ui = event.getUI();
            try {
                JobArtifacts.UploadedArtifact uploaded =
                        jobs.uploadArtifact(workspaceId, event.getFileName(), event.getInputStream());
                ui.access(() -> {
                    artifact.setValue(uploaded.artifact());
                    artifact.setInvalid(false);
                    offerEntryClasses(uploaded.mainClass() == null ? List.of() : List.of(uploaded.mainClass()));
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
        jarSource.setId("job-jar-source");
        jarSource.setItems(JarSource.values());
        jarSource.setItemLabelGenerator(source -> source.label);
        clusterJar.setId("job-cluster-jar");
        clusterJar.setItemLabelGenerator(jar -> jar.name() + " (" + jar.id() + ")");
        clusterJar.setWidthFull();
        artifact.setId("job-artifact");
        entryClass.setId("job-entry-class");
        entryClass.setAllowCustomValue(true);
        entryClass.addCustomValueSetListener(e -> entryClass.setValue(offer(e.getDetail())));
        entryClass.setHelperText("The class with the job's main method; offered from the jar when it names one");
        parallelism.setId("job-parallelism");
        parallelism.setStepButtonsVisible(true);
        NumberFields.range(parallelism, 1, JobService.MAX_PARALLELISM, "");
        parallelism.setValue(1);
        jarUpload.setId("job-jar-upload");
        jarUpload.setMaxFiles(1);
        jarUpload.setAcceptedFileTypes(".jar", "application/java-archive", "application/x-java-archive");
        jarUpload.setDropLabel(new Span("Drop the job jar here"));

        jarSource.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                artifact.clear();
            }
            show(e.getValue(), jobs, cluster, async, workspaceId);
        });
        // What the job will store is shown once there is something to show (an upload's reference, a cluster jar's).
        artifact.addValueChangeListener(e -> artifact.setVisible(
                jarSource.getValue() == JarSource.REFERENCE || !e.getValue().isEmpty()));
        clusterJar.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                artifact.setValue(JobArtifacts.CLUSTER + e.getValue().id());
                offerEntryClasses(e.getValue().entryClasses());
            }
        });

        if (existing != null) {
            name.setValue(existing.name());
            description.setValue(existing.description());
            artifact.setValue(existing.artifact() == null ? "" : existing.artifact());
            if (existing.entryClass() != null) {
                entryClass.setValue(offer(existing.entryClass()));
            }
            programArgs.setValue(existing.programArgs());
            parallelism.setValue(existing.parallelism());
        }
        jarSource.setValue(JarSource.of(existing == null ? null : existing.artifact()));
        FieldErrorDisplay errors = new FieldErrorDisplay()
                .bind("name", name)
                .bind("description", description)
                .bind("artifact", artifact)
                .bind("entryClass", entryClass)
                .bind("programArgs", programArgs)
                .bind("parallelism", parallelism);
        FormLayout form = new FormLayout(
                name, parallelism, jarSource, jarUpload, clusterJar, artifact, entryClass, programArgs, description);
        form.setColspan(jarSource, 2);
        form.setColspan(jarUpload, 2);
        form.setColspan(clusterJar, 2);
        form.setColspan(artifact, 2);
        form.setColspan(entryClass, 2);
        add(form);

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

    private void show(JarSource source, JobService jobs, JobAdoption cluster, UiAsync async, long workspaceId) {
        jarUpload.setVisible(source == JarSource.UPLOAD);
        clusterJar.setVisible(source == JarSource.CLUSTER);
        // The reference is what the job stores; it is typed only for the "other" choice and shown for the rest.
        artifact.setReadOnly(source != JarSource.REFERENCE);
        artifact.setHelperText(
                source == JarSource.REFERENCE
                        ? "file:<path> in a directory an admin allowed, or cluster:<jar id>"
                        : "The reference the job stores");
        artifact.setVisible(source == JarSource.REFERENCE || !artifact.isEmpty());
        if (source == JarSource.BUILTIN) {
            artifact.setValue(JobArtifacts.BUILTIN);
            offerEntryClasses(jobs.builtinEntryClasses());
        }
        if (source == JarSource.CLUSTER) {
            clusterJar.setPlaceholder("Reading the cluster's jars…");
            // The cluster may be slow or away: its jars are read off the UI thread.
            async.load(
                    this,
                    () -> cluster.clusterJars(workspaceId),
                    jars -> {
                        clusterJar.setItems(jars);
                        clusterJar.setPlaceholder(jars.isEmpty() ? "The cluster has no uploaded jars" : "Choose a jar");
                        String current = artifact.getValue();
                        jars.stream()
                                .filter(jar -> current.equals(JobArtifacts.CLUSTER + jar.id()))
                                .findFirst()
                                .ifPresent(clusterJar::setValue);
                    },
                    failed -> {
                        clusterJar.setPlaceholder("");
                        clusterJar.setInvalid(true);
                        clusterJar.setErrorMessage("The cluster's jars could not be read: " + failed.getMessage());
                    });
        }
    }

    /** Offers the jar's entry classes and picks the first when none is chosen yet. */
    private void offerEntryClasses(List<String> classes) {
        classes.forEach(this::offer);
        if ((entryClass.getValue() == null || entryClass.getValue().isBlank()) && !classes.isEmpty()) {
            entryClass.setValue(classes.get(0));
        }
    }

    private String offer(String className) {
        if (className != null && !className.isBlank() && !entryChoices.contains(className.strip())) {
            entryChoices.add(className.strip());
            String chosen = entryClass.getValue();
            entryClass.setItems(entryChoices); // new items clear the value: keep the choice
            entryClass.setValue(chosen);
        }
        return className == null ? null : className.strip();
    }
}

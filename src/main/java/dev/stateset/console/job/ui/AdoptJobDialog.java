package dev.stateset.console.job.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.base.ui.FieldErrorDisplay;
import dev.stateset.console.base.ui.Formats;
import dev.stateset.console.base.ui.Notifications;
import dev.stateset.console.base.ui.UiAsync;
import dev.stateset.console.engine.ClusterJar;
import dev.stateset.console.job.JobAdoption;
import dev.stateset.console.job.JobArtifacts;
import dev.stateset.console.workspace.WorkspaceDetails;
import java.util.List;

/**
 * Adopts a job the cluster runs and the console does not manage: pick it, name it, optionally give the jar to start it
 * again later. The cluster is read and the adoption done off the UI thread: a slow cluster never freezes the page.
 */
class AdoptJobDialog extends Dialog {

    final Grid<JobAdoption.EngineJobListing> grid = new Grid<>();
    final TextField name = new TextField("Name in the console");
    final ComboBox<ClusterJar> jar = new ComboBox<>("Jar to start it again (optional)");
    final TextField restUrl = new TextField("Its own application cluster (optional)");
    final Button listOwnCluster = new Button("List its jobs");
    final Button adopt = new Button("Adopt");
    final Paragraph status = new Paragraph();

    AdoptJobDialog(JobAdoption adoption, UiAsync async, WorkspaceDetails workspace, Runnable onAdopted) {
        setHeaderTitle("Adopt a running job");
        setWidth("min(60rem, 95vw)");
        status.setId("adopt-status");
        grid.setId("adopt-grid");
        grid.setAllRowsVisible(true);
        grid.addColumn(JobAdoption.EngineJobListing::name).setHeader("Name").setFlexGrow(2);
        grid.addColumn(JobAdoption.EngineJobListing::engineJobId)
                .setHeader("Flink job id")
                .setAutoWidth(true);
        grid.addColumn(JobAdoption.EngineJobListing::status).setHeader("Status").setAutoWidth(true);
        grid.addColumn(j -> Formats.dateTime(j.startTime(), workspace.zone()))
                .setHeader("Started")
                .setAutoWidth(true);
        grid.setEmptyStateText("Reading the cluster's jobs…");
        grid.asSingleSelect().addValueChangeListener(e -> {
            if (e.getValue() != null) {
                name.setValue(suggestedName(e.getValue().name()));
            }
            adopt.setEnabled(e.getValue() != null);
        });
        name.setId("adopt-name");
        name.setWidthFull();
        jar.setId("adopt-jar");
        jar.setItemLabelGenerator(j -> j.name() + " (" + j.id() + ")");
        jar.setWidthFull();
        jar.setHelperText("Without a jar everything but Start works; a jar can be chosen later by editing the job");
        restUrl.setId("adopt-rest-url");
        restUrl.setWidthFull();
        restUrl.setPlaceholder("http://orders-jobmanager:8081");
        restUrl.setHelperText("A job deployed in application mode (e.g. by the Flink Kubernetes Operator) has a"
                + " cluster of its own; the deployment system then owns its start");
        // The console calls the URL an owner names here: only owners bind jobs to clusters of their own.
        boolean owner = workspace.canManageMembers();
        restUrl.setVisible(owner);
        listOwnCluster.setVisible(owner);
        listOwnCluster.setId("adopt-list-own-cluster");

        FieldErrorDisplay errors = new FieldErrorDisplay()
                .bind("name", name)
                .bind("restUrl", restUrl)
                .bind("artifact", jar);
        Runnable load = () -> {
            grid.setItems(List.of());
            grid.setEmptyStateText("Reading the cluster's jobs…");
            String url = restUrl.getValue();
            async.load(
                    this,
                    () -> adoption.engineJobs(workspace.id(), url).stream()
                            .filter(j -> j.managedJobId() == null
                                    && !dev.stateset.console.engine.EngineJob.isTerminal(j.status()))
                            .toList(),
                    jobs -> {
                        grid.setItems(jobs);
                        grid.setEmptyStateText("The cluster runs no job the console does not manage already.");
                        status.setText(jobs.size() + " running job(s) to adopt");
                    },
                    failed -> {
                        grid.setEmptyStateText("");
                        status.setText("The cluster's jobs could not be read: " + failed.getMessage());
                    });
        };
        listOwnCluster.addClickListener(e -> {
            errors.clear();
            load.run();
        });
        load.run();
        async.load(
                this,
                () -> adoption.clusterJars(workspace.id()),
                jar::setItems,
                failed -> jar.setHelperText(
                        "The cluster's jars could not be read (" + failed.getMessage() + "); choose one later"));

        adopt.setId("adopt-save");
        adopt.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        adopt.setEnabled(false);
        adopt.addClickListener(e -> {
            JobAdoption.EngineJobListing chosen = grid.asSingleSelect().getValue();
            if (chosen == null) {
                return;
            }
            ClusterJar startJar = jar.getValue();
            JobAdoption.AdoptRequest request = new JobAdoption.AdoptRequest(
                    chosen.engineJobId(),
                    name.getValue(),
                    restUrl.getValue(),
                    startJar == null ? null : JobArtifacts.CLUSTER + startJar.id(),
                    startJar == null || startJar.entryClasses().isEmpty()
                            ? null
                            : startJar.entryClasses().get(0));
            adopt.setEnabled(false);
            errors.clear();
            async.load(
                    this,
                    () -> adoption.adopt(workspace.id(), request),
                    adopted -> {
                        Notifications.success(adopted.name() + " adopted: the console manages its state now");
                        close();
                        onAdopted.run();
                    },
                    failed -> {
                        adopt.setEnabled(true);
                        if (failed instanceof InvalidInputException invalid) {
                            errors.show(invalid);
                            invalid.fieldErrors().entrySet().stream()
                                    .filter(entry -> entry.getKey().equals("engineJobId"))
                                    .findFirst()
                                    .ifPresent(entry -> status.setText(entry.getValue()));
                        } else {
                            status.setText("Not adopted: " + failed.getMessage());
                        }
                    });
        });
        HorizontalLayout own = new HorizontalLayout(restUrl, listOwnCluster);
        own.setWidthFull();
        own.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(own, status, grid, name, jar);
        getFooter().add(new Button("Cancel", e -> close()), adopt);
    }

    /** Flink's job name as a console name: printable and at most 64 characters. */
    static String suggestedName(String flinkName) {
        String printable =
                flinkName == null ? "" : flinkName.replaceAll("\\p{C}", " ").strip();
        return printable.length() > 64 ? printable.substring(0, 64).strip() : printable;
    }
}

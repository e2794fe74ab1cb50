package dev.stateset.console.workspace.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.stateset.console.base.FieldErrors;
import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.base.ui.FieldErrorDisplay;
import dev.stateset.console.base.ui.Notifications;
import dev.stateset.console.workspace.EngineKind;
import dev.stateset.console.workspace.WorkspaceDetails;
import dev.stateset.console.workspace.WorkspaceDraft;
import dev.stateset.console.workspace.WorkspaceService;
import java.time.ZoneId;

/** Create (existing == null) or edit a workspace. The service validates; the dialog shows its messages. */
class WorkspaceDialog extends Dialog {

    final TextField name = new TextField("Name");
    final TextArea description = new TextArea("Description");
    final ComboBox<String> timeZone = new ComboBox<>("Time zone");
    final Select<EngineKind> engineKind = new Select<>();
    final TextField engineRestUrl = new TextField("Flink REST URL");
    final TextField webhookUrl = new TextField("Alert webhook (optional)");
    final Button save = new Button("Save");

    WorkspaceDialog(WorkspaceService workspaces, WorkspaceDetails existing, Runnable onSaved) {
        setHeaderTitle(existing == null ? "New workspace" : "Edit workspace");
        name.setId("workspace-name");
        name.setMaxLength(FieldErrors.MAX_NAME_LENGTH + 10);
        description.setMaxLength(FieldErrors.MAX_DESCRIPTION_LENGTH + 10);
        timeZone.setId("workspace-time-zone");
        timeZone.setItems(ZoneId.getAvailableZoneIds().stream().sorted().toList());
        timeZone.setAllowCustomValue(true);
        timeZone.addCustomValueSetListener(e -> timeZone.setValue(e.getDetail()));
        timeZone.setHelperText("IANA name, e.g. Europe/Berlin; schedules run in this zone");
        engineKind.setLabel("Flink cluster");
        engineKind.setId("workspace-engine-kind");
        engineKind.setItems(EngineKind.values());
        engineKind.setItemLabelGenerator(
                k -> k == EngineKind.EMBEDDED ? "Embedded (in the console)" : "Remote session cluster");
        engineRestUrl.setId("workspace-engine-url");
        engineRestUrl.setPlaceholder("http://flink-jobmanager:8081");
        engineKind.addValueChangeListener(e -> engineRestUrl.setVisible(e.getValue() == EngineKind.REMOTE));
        if (existing != null) {
            name.setValue(existing.name());
            description.setValue(existing.description());
            timeZone.setValue(existing.timeZone());
            engineKind.setValue(existing.engineKind());
            engineRestUrl.setValue(existing.engineRestUrl() == null ? "" : existing.engineRestUrl());
            webhookUrl.setValue(existing.webhookUrl() == null ? "" : existing.webhookUrl());
        } else {
            timeZone.setValue("UTC");
            engineKind.setValue(EngineKind.EMBEDDED);
        }
        engineRestUrl.setVisible(engineKind.getValue() == EngineKind.REMOTE);
        FieldErrorDisplay errors = new FieldErrorDisplay()
                .bind("name", name)
                .bind("description", description)
                .bind("timeZone", timeZone)
                .bind("engineRestUrl", engineRestUrl)
                .bind("webhookUrl", webhookUrl);
        webhookUrl.setHelperText("Receives a JSON POST when a job's scheduled snapshots keep failing");
        add(new FormLayout(name, timeZone, engineKind, engineRestUrl, webhookUrl, description));

        save.setId("save-workspace");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> {
            WorkspaceDraft draft = new WorkspaceDraft(
                    name.getValue(),
                    description.getValue(),
                    timeZone.getValue(),
                    engineKind.getValue(),
                    engineRestUrl.getValue(),
                    webhookUrl.getValue());
            try {
                if (existing == null) {
                    workspaces.create(draft);
                } else {
                    workspaces.update(existing.id(), draft);
                }
                Notifications.success("Workspace saved");
                close();
                onSaved.run();
            } catch (InvalidInputException ex) {
                errors.show(ex);
            }
        });
        getFooter().add(new Button("Cancel", e -> close()), save);
    }
}

package dev.stateset.console.policy.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.base.ui.FieldErrorDisplay;
import dev.stateset.console.base.ui.Formats;
import dev.stateset.console.base.ui.Notifications;
import dev.stateset.console.base.ui.NumberFields;
import dev.stateset.console.cron.InvalidCronException;
import dev.stateset.console.cron.ui.CronField;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.policy.PolicyDraft;
import dev.stateset.console.policy.PolicyService;
import dev.stateset.console.policy.RetentionUnit;
import dev.stateset.console.policy.SnapshotPolicy;
import dev.stateset.console.stateset.SnapshotFormat;
import java.time.Clock;
import java.util.stream.Collectors;

/**
 * "Scheduled Automatic Creation of Job Snapshots" and "Scheduled Automatic Cleanup of Job Snapshots" on a job's
 * Configuration tab. VIEWERs see it read-only.
 */
class PolicySection extends VerticalLayout {

    /** True while {@link #show(SnapshotPolicy)} fills the fields. */
    private boolean showing;

    final Checkbox creationEnabled = new Checkbox("Create job snapshots on a schedule");
    final CronField schedule;
    final Select<SnapshotFormat> format = new Select<>();
    final IntegerField spreadMinutes = new IntegerField("Load spreading (minutes)");
    final Span nextDue = new Span();
    final com.vaadin.flow.component.textfield.TextArea blackoutWindows =
            new com.vaadin.flow.component.textfield.TextArea("Blackout windows");
    final Checkbox cleanupEnabled = new Checkbox("Delete old scheduled snapshots automatically");
    final IntegerField keepCount = new IntegerField("Number of snapshots to keep");
    final IntegerField retentionValue = new IntegerField("Maximum retention period");
    final Select<RetentionUnit> retentionUnit = new Select<>();
    final Button save = new Button("Save snapshot schedule and cleanup");
    private final PolicyService policies;
    private final JobDetails job;

    PolicySection(PolicyService policies, JobDetails job, Clock clock) {
        this.policies = policies;
        this.job = job;
        setPadding(false);
        addClassName("policy-section");
        schedule = new CronField("Schedule", clock);
        schedule.setZone(job.workspace().zone());
        creationEnabled.setId("policy-creation-enabled");
        format.setLabel("Snapshot format");
        format.setId("policy-format");
        format.setItems(SnapshotFormat.values());
        spreadMinutes.setId("policy-spread");
        NumberFields.range(spreadMinutes, 0, PolicyService.MAX_SPREAD, "minutes");
        spreadMinutes.setHelperText(
                "0 = off; otherwise due times move by a stable offset of up to this many minutes for this job");
        blackoutWindows.setId("policy-blackout-windows");
        blackoutWindows.setPlaceholder("Mon-Fri 09:00-17:00");
        blackoutWindows.setHelperText("One per line, in " + job.workspace().timeZone()
                + ": no scheduled snapshot starts inside; a due time there moves to the window's end (once)."
                + " The workspace's own windows apply too");
        blackoutWindows.setValueChangeMode(com.vaadin.flow.data.value.ValueChangeMode.ON_BLUR);
        blackoutWindows.setWidthFull();
        nextDue.setId("policy-next-due");
        nextDue.addClassName("policy-next-due");
        cleanupEnabled.setId("policy-cleanup-enabled");
        keepCount.setId("policy-keep");
        NumberFields.range(keepCount, 1, PolicyService.MAX_KEEP, "");
        keepCount.setStepButtonsVisible(true);
        retentionValue.setId("policy-retention");
        NumberFields.range(retentionValue, 1, PolicyService.MAX_RETENTION_HOURS, "");
        retentionValue.setHelperText("Empty for no age limit");
        retentionUnit.setLabel("Unit");
        retentionUnit.setItems(RetentionUnit.values());
        retentionUnit.setItemLabelGenerator(u -> u.name().toLowerCase());
        save.setId("save-policy");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        FieldErrorDisplay errors = new FieldErrorDisplay()
                .bind("cronExpression", schedule)
                .bind("format", format)
                .bind("spreadMinutes", spreadMinutes)
                .bind("keepCount", keepCount)
                .bind("retentionValue", retentionValue)
                .bind("retentionUnit", retentionUnit)
                .bind("blackoutWindows", blackoutWindows);
        save.addClickListener(e -> {
            if (!NumberFields.accepted(spreadMinutes, keepCount, retentionValue)) {
                return; // the cron field keeps showing its own problem, if any
            }
            try {
                SnapshotPolicy saved = policies.save(job.workspace().id(), job.id(), draft());
                errors.clear();
                show(saved);
                Notifications.success(
                        saved.nextDueAt() == null
                                ? "Policy saved"
                                : "Policy saved; next snapshot "
                                        + Formats.dateTime(
                                                saved.nextDueAt(),
                                                job.workspace().zone()));
            } catch (InvalidInputException ex) {
                errors.show(ex);
            }
        });
        creationEnabled.addValueChangeListener(e -> showActive());
        schedule.addValueChangeListener(e -> showShiftedTimesUnlessShowing());
        spreadMinutes.addValueChangeListener(e -> showShiftedTimesUnlessShowing());
        blackoutWindows.addValueChangeListener(e -> showShiftedTimesUnlessShowing());

        Paragraph manualNote =
                new Paragraph("Only snapshots the schedule created are deleted. Manual snapshots are never "
                        + "deleted automatically while the job runs, and after a stop they stay until someone deletes them; the newest "
                        + "completed snapshot and the one the current run was restored from are always kept.");
        manualNote.addClassName("applies-at-next-start");
        add(
                new H3("Scheduled Automatic Creation of Job Snapshots"),
                creationEnabled,
                schedule,
                new FormLayout(format, spreadMinutes),
                blackoutWindows,
                nextDue,
                new H3("Scheduled Automatic Cleanup of Job Snapshots"),
                cleanupEnabled,
                new FormLayout(keepCount, retentionValue, retentionUnit),
                manualNote,
                save);

        show(policies.get(job.workspace().id(), job.id()));
        boolean editable = job.canEdit();
        creationEnabled.setReadOnly(!editable);
        schedule.setReadOnly(!editable);
        format.setReadOnly(!editable);
        spreadMinutes.setReadOnly(!editable);
        blackoutWindows.setReadOnly(!editable);
        cleanupEnabled.setReadOnly(!editable);
        keepCount.setReadOnly(!editable);
        retentionValue.setReadOnly(!editable);
        retentionUnit.setReadOnly(!editable);
        save.setVisible(editable);
    }

    private void show(SnapshotPolicy policy) {
        PolicyDraft s = policy.settings();
        showing = true;
        try {
            creationEnabled.setValue(s.creationEnabled());
            schedule.setValue(s.cronExpression());
            format.setValue(s.format());
            spreadMinutes.setValue(s.spreadMinutes());
            blackoutWindows.setValue(s.blackoutWindows() == null ? "" : s.blackoutWindows());
            cleanupEnabled.setValue(s.cleanupEnabled());
            keepCount.setValue(s.keepCount());
            retentionValue.setValue(s.retentionValue());
            retentionUnit.setValue(s.retentionUnit());
        } finally {
            showing = false;
        }
        showShiftedTimes();
        if (policy.nextDueAt() != null) {
            nextDue.setText(nextDue.getText() + (nextDue.getText().isEmpty() ? "" : " ")
                    + "Saved schedule: next snapshot "
                    + Formats.dateTime(policy.nextDueAt(), job.workspace().zone()) + ".");
        }
        showActive();
    }

    /**
     * While the saved policy is put into the fields, the due-time preview (a service call) waits for the last of them
     * instead of running once per field that changed.
     */
    private void showShiftedTimesUnlessShowing() {
        if (!showing) {
            showShiftedTimes();
        }
    }

    /** Due times are only shown as due while scheduled creation is on. */
    private void showActive() {
        boolean active = creationEnabled.getValue();
        schedule.setScheduleActive(active);
        nextDue.setVisible(active);
    }

    /**
     * The widget's plain cron times move by this job's spreading offset and out of blackout windows (the job's as typed,
     * and the workspace's): show the times the schedule will really use.
     */
    private void showShiftedTimes() {
        Integer spread = spreadMinutes.getValue();
        if (schedule.problem() != null || schedule.getValue().isBlank()) {
            nextDue.setText("");
            return;
        }
        try {
            int spreading = spread == null ? 0 : Math.max(0, spread);
            PolicyService.DuePreview preview = policies.previewDueTimes(
                    job.workspace().id(), job.id(), schedule.getValue(), spreading, blackoutWindows.getValue(), 3);
            if (spreading == 0 && !preview.blackoutWindows()) {
                nextDue.setText("");
            } else {
                nextDue.setText((spreading > 0 && preview.blackoutWindows()
                                ? "With load spreading and out of blackout windows"
                                : spreading > 0 ? "With load spreading" : "Out of blackout windows")
                        + " this job's next snapshots are due "
                        + preview.dueTimes().stream()
                                .map(t -> Formats.dateTime(t, job.workspace().zone()))
                                .collect(Collectors.joining(", "))
                        + ".");
            }
            blackoutWindows.setInvalid(false);
        } catch (InvalidCronException e) {
            nextDue.setText("");
        } catch (InvalidInputException e) {
            nextDue.setText("");
            blackoutWindows.setErrorMessage(e.fieldErrors().getOrDefault("blackoutWindows", e.getMessage()));
            blackoutWindows.setInvalid(true);
        }
    }

    PolicyDraft draft() {
        return new PolicyDraft(
                creationEnabled.getValue(),
                schedule.getValue(),
                format.getValue(),
                spreadMinutes.getValue() == null ? 0 : spreadMinutes.getValue(),
                cleanupEnabled.getValue(),
                keepCount.getValue() == null ? 0 : keepCount.getValue(),
                retentionValue.getValue(),
                retentionUnit.getValue(),
                blackoutWindows.getValue());
    }

    /** Contributes the section to the Configuration tab. */
    @org.springframework.stereotype.Component
    static class Contribution implements dev.stateset.console.stateset.ui.JobConfigurationSection {

        private final PolicyService policies;
        private final Clock clock;

        Contribution(PolicyService policies, Clock clock) {
            this.policies = policies;
            this.clock = clock;
        }

        @Override
        public Component create(JobDetails job) {
            return new PolicySection(policies, job, clock);
        }
    }
}

package dev.stateset.console.stateset.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;
import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.base.ui.FieldErrorDisplay;
import dev.stateset.console.base.ui.Notifications;
import dev.stateset.console.base.ui.NumberFields;
import dev.stateset.console.job.CheckpointSettings;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobService;
import dev.stateset.console.job.StateBackend;
import dev.stateset.console.job.StateParameters;
import jakarta.annotation.security.PermitAll;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Configuration tab: checkpoint settings and state parameters. They are stored now and applied as Flink
 * configuration when the job is next started. VIEWERs see the values read-only and no Save button.
 */
@Route(value = "configuration", layout = StateSetLayout.class)
@PermitAll
public class ConfigurationView extends VerticalLayout implements StateSetTab {

    private JobDetails job;

    /** The largest TTL the field takes in any unit: a million minutes, hours or days is past every real need. */
    private static final int MAX_TTL_VALUE = 1_000_000;

    private static final List<ChronoUnit> TTL_UNITS = List.of(ChronoUnit.MINUTES, ChronoUnit.HOURS, ChronoUnit.DAYS);

    final IntegerField interval =
            seconds("Checkpoint interval", "interval", (int) CheckpointSettings.MIN_INTERVAL.toSeconds());
    final IntegerField timeout = seconds("Checkpoint timeout", "timeout", 1);
    final IntegerField minPause = seconds("Min pause between checkpoints", "min-pause", 0);
    final IntegerField retained = new IntegerField("Retained checkpoints");
    final Checkbox incremental = new Checkbox("state.backend.incremental");
    final IntegerField ttlValue = new IntegerField("table.exec.state.ttl");
    final Select<ChronoUnit> ttlUnit = new Select<>();
    final TextField localTempDir = new TextField("Local temp directory");
    final Select<StateBackend> backend = new Select<>();
    final TextArea otherOptions = new TextArea("Other configurations");
    final Div stateNotes = new Div();
    final Button save = new Button("Save checkpoint and state settings");

    private final FieldErrorDisplay errors = new FieldErrorDisplay();

    private final List<JobConfigurationSection> sections;

    private final JobService jobs;

    private final dev.stateset.console.stateset.RecoveryPointService recoveryPoints;

    ConfigurationView(
            JobService jobs,
            List<JobConfigurationSection> sections,
            dev.stateset.console.stateset.RecoveryPointService recoveryPoints) {
        this.jobs = jobs;
        this.recoveryPoints = recoveryPoints;
        setPadding(false);
        setSizeFull();
        this.sections = sections;
        retained.setId("config-retained");
        NumberFields.range(retained, 1, CheckpointSettings.MAX_RETAINED, "");
        retained.setStepButtonsVisible(true);
        retained.setHelperText("Completed checkpoints Flink keeps (Flink's default: 1)");
        incremental.setId("config-incremental");
        incremental.setTooltipText("Incremental checkpoints (RocksDB / ForSt state backends)");
        ttlValue.setId("config-ttl");
        NumberFields.range(ttlValue, 0, MAX_TTL_VALUE, "");
        ttlValue.setHelperText("0 = state never expires");
        ttlUnit.setLabel("TTL unit");
        ttlUnit.setItems(TTL_UNITS);
        ttlUnit.setItemLabelGenerator(u -> u.name().toLowerCase());
        localTempDir.setId("config-local-temp-dir");
        localTempDir.setHelperText("Absolute path; empty for Flink's default (io.tmp.dirs)");
        backend.setId("config-backend");
        backend.setLabel("State backend (state.backend.type)");
        backend.setItems(StateBackend.values());
        backend.setItemLabelGenerator(b -> switch (b) {
            case HASHMAP -> "HashMap: state on the heap, full checkpoints";
            case ROCKSDB -> "RocksDB: state on local disk, incremental checkpoints";
            case FORST -> "ForSt: disaggregated state (Flink 2.0 and newer)";
        });
        otherOptions.setId("config-other-options");
        otherOptions.setWidthFull();
        otherOptions.setPlaceholder("state.backend.rocksdb.memory.managed: true\nrestart-strategy.type: fixed-delay");
        otherOptions.setHelperText("One Flink option per line, key: value. Checked against Flink's options; unknown"
                + " keys are kept, with a note");
        stateNotes.setId("config-state-notes");
        stateNotes.addClassName("applies-at-next-start");
        // Say at once when a choice makes another setting do nothing (e.g. incremental on HashMap).
        backend.addValueChangeListener(e -> showNotes());
        incremental.addValueChangeListener(e -> showNotes());
        otherOptions.addValueChangeListener(e -> showNotes());
        errors.bind("interval", interval)
                .bind("timeout", timeout)
                .bind("minPause", minPause)
                .bind("retained", retained)
                .bind("stateTtl", ttlValue)
                .bind("localTempDir", localTempDir)
                .bind("flinkOptions", otherOptions)
                .bind("backend", backend);
        save.setId("save-configuration");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> save());
    }

    private void save() {
        if (!NumberFields.accepted(interval, timeout, minPause, retained, ttlValue)) {
            return;
        }
        try {
            jobs.updateConfiguration(
                    job().workspace().id(),
                    job().id(),
                    new CheckpointSettings(
                            secondsOf(interval), secondsOf(timeout), secondsOf(minPause), orZero(retained)),
                    stateParameters()
                            .orElseThrow(() -> InvalidInputException.of(
                                    "flinkOptions", "Write one option per line as key: value")));
            errors.clear();
            Notifications.success("Configuration saved; it applies at the next start of the job");
        } catch (InvalidInputException ex) {
            errors.show(ex);
        }
    }

    /** The state settings as typed; empty when a line of the other options is not {@code key: value}. */
    private java.util.Optional<StateParameters> stateParameters() {
        java.util.Map<String, String> options = new java.util.LinkedHashMap<>();
        for (String line : otherOptions.getValue().split("\n")) {
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                return java.util.Optional.empty();
            }
            options.put(
                    line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
        return java.util.Optional.of(new StateParameters(
                incremental.getValue(), ttl(), localTempDir.getValue(), backend.getValue(), options));
    }

    private void showNotes() {
        stateNotes.removeAll();
        stateParameters()
                .map(StateParameters::notes)
                .orElse(List.of())
                .forEach(note -> stateNotes.add(new Paragraph(note)));
        stateNotes.setVisible(stateNotes.getChildren().findAny().isPresent());
    }

    @Override
    public String tabName() {
        return "Configuration";
    }

    @Override
    public void show(JobDetails job, StateSetLayout page) {
        this.job = job;
        removeAll();
        add(createContent(job));
    }

    @Override
    public JobDetails job() {
        return job;
    }

    private Component createContent(JobDetails job) {
        CheckpointSettings cp = job.checkpoints();
        interval.setValue((int) cp.interval().toSeconds());
        timeout.setValue((int) cp.timeout().toSeconds());
        minPause.setValue((int) cp.minPause().toSeconds());
        retained.setValue(cp.retained());
        StateParameters state = job.stateParameters();
        incremental.setValue(state.incrementalCheckpoints());
        ChronoUnit unit = largestExactUnit(state.stateTtl());
        ttlUnit.setValue(unit);
        ttlValue.setValue(
                (int) (state.stateTtl().toMinutes() / unit.getDuration().toMinutes()));
        localTempDir.setValue(state.localTempDir());
        backend.setValue(state.backend());
        StringBuilder lines = new StringBuilder();
        state.flinkOptions()
                .forEach((k, v) -> lines.append(k).append(": ").append(v).append('\n'));
        otherOptions.setValue(lines.toString());
        showNotes();
        errors.clear();

        boolean editable = job.canEdit();
        List.of(interval, timeout, minPause, retained, ttlValue).forEach(f -> f.setReadOnly(!editable));
        incremental.setReadOnly(!editable);
        ttlUnit.setReadOnly(!editable);
        localTempDir.setReadOnly(!editable);
        backend.setReadOnly(!editable);
        otherOptions.setReadOnly(!editable);
        save.setVisible(editable);

        Paragraph note = new Paragraph("Checkpoint settings and state parameters apply at the next start of the job.");
        note.addClassName("applies-at-next-start");
        VerticalLayout layout = new VerticalLayout(
                note,
                new H3("System checkpoints"),
                new FormLayout(interval, timeout, minPause, retained),
                new H3("State parameters"),
                new FormLayout(backend, incremental, ttlValue, ttlUnit, localTempDir),
                otherOptions,
                stateNotes,
                save);
        layout.setPadding(false);
        sections.forEach(section -> layout.add(section.create(job)));
        layout.add(new RecoveryPointForm(recoveryPoints, job));
        return layout;
    }

    private static IntegerField seconds(String label, String id, int min) {
        IntegerField field = new IntegerField(label);
        field.setId("config-" + id);
        field.setSuffixComponent(new Span("s"));
        return NumberFields.range(field, min, (int) CheckpointSettings.MAX_INTERVAL.toSeconds(), "seconds");
    }

    private static Duration secondsOf(IntegerField field) {
        return field.getValue() == null ? null : Duration.ofSeconds(field.getValue());
    }

    private static int orZero(IntegerField field) {
        return field.getValue() == null ? 0 : field.getValue();
    }

    private Duration ttl() {
        if (ttlValue.getValue() == null || ttlUnit.getValue() == null) {
            return null;
        }
        return ttlUnit.getValue().getDuration().multipliedBy(ttlValue.getValue());
    }

    private static ChronoUnit largestExactUnit(Duration ttl) {
        for (ChronoUnit unit : List.of(ChronoUnit.DAYS, ChronoUnit.HOURS)) {
            if (!ttl.isZero() && ttl.toMinutes() % unit.getDuration().toMinutes() == 0) {
                return unit;
            }
        }
        return ChronoUnit.MINUTES;
    }
}

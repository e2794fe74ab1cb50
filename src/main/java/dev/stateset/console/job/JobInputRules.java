package dev.stateset.console.job;

import dev.stateset.console.base.FieldErrors;
import java.time.Duration;

/** What a job's fields may hold: each check adds its message to the field it is about, so a form marks them all. */
final class JobInputRules {

    private JobInputRules() {}

    /** A job's own fields (its name's uniqueness and its artifact's existence are the service's to check). */
    static void draft(FieldErrors errors, JobDraft draft) {
        if (draft.parallelism() < 1 || draft.parallelism() > JobService.MAX_PARALLELISM) {
            errors.add("parallelism", "Parallelism must be between 1 and " + JobService.MAX_PARALLELISM);
        }
        if (FieldErrors.clean(draft.artifact()).length() > 500) {
            errors.add("artifact", "Artifact must be at most 500 characters");
        }
        String entryClass = FieldErrors.clean(draft.entryClass());
        if (entryClass.length() > 300
                || (!entryClass.isEmpty()
                        && !entryClass.matches("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*"))) {
            errors.add("entryClass", "Entry class must be a fully qualified Java class name");
        }
        if (FieldErrors.clean(draft.programArgs()).length() > JobService.MAX_ARGS) {
            errors.add("programArgs", "Arguments must be at most " + JobService.MAX_ARGS + " characters");
        }
    }

    static void checkpoints(FieldErrors errors, CheckpointSettings settings) {
        if (settings.interval() == null || settings.interval().compareTo(CheckpointSettings.MIN_INTERVAL) < 0) {
            errors.add(
                    "interval",
                    "Checkpoint interval must be at least " + CheckpointSettings.MIN_INTERVAL.toSeconds() + " seconds");
        } else if (settings.interval().compareTo(CheckpointSettings.MAX_INTERVAL) > 0) {
            errors.add("interval", "Checkpoint interval must be at most 24 hours");
        }
        if (settings.timeout() == null
                || settings.timeout().isNegative()
                || settings.timeout().isZero()) {
            errors.add("timeout", "Checkpoint timeout must be greater than 0");
        } else if (settings.timeout().compareTo(Duration.ofDays(1)) > 0) {
            errors.add("timeout", "Checkpoint timeout must be at most 24 hours");
        }
        if (settings.minPause() == null || settings.minPause().isNegative()) {
            errors.add("minPause", "Minimum pause must be 0 or more");
        } else if (settings.interval() != null && settings.minPause().compareTo(settings.interval()) > 0) {
            errors.add("minPause", "Minimum pause must not exceed the checkpoint interval");
        }
        if (settings.retained() < 1 || settings.retained() > CheckpointSettings.MAX_RETAINED) {
            errors.add("retained", "Retained checkpoints must be between 1 and " + CheckpointSettings.MAX_RETAINED);
        }
    }

    /** @return the cleaned local temp directory */
    static String state(FieldErrors errors, StateParameters parameters) {
        if (parameters.stateTtl() == null || parameters.stateTtl().isNegative()) {
            errors.add("stateTtl", "State TTL must be 0 (never expire) or more");
        }
        String tempDir = FieldErrors.clean(parameters.localTempDir());
        if (!tempDir.isEmpty() && (tempDir.length() > 500 || !tempDir.startsWith("/") || tempDir.contains(".."))) {
            errors.add(
                    "localTempDir",
                    "Local temp directory must be an absolute path without '..' (or empty for Flink's default)");
        }
        flinkOptions(errors, parameters.flinkOptions());
        return tempDir;
    }

    static final int MAX_OPTIONS = 50;

    /** Keys the console sets from its own fields (or its storage): they are set there, not as other options. */
    static final java.util.Set<String> MANAGED_KEYS = java.util.Set.of(
            "execution.checkpointing.interval",
            "execution.checkpointing.timeout",
            "execution.checkpointing.min-pause",
            "execution.checkpointing.num-retained",
            "execution.checkpointing.incremental",
            "execution.checkpointing.externalized-checkpoint-retention",
            "execution.checkpointing.dir",
            "execution.checkpointing.savepoint-dir",
            "state.checkpoints.dir",
            "state.savepoints.dir",
            "state.checkpoints.num-retained",
            "state.backend.type",
            "state.backend",
            "state.backend.incremental",
            "table.exec.state.ttl",
            "io.tmp.dirs");

    private static final java.util.regex.Pattern OPTION_KEY =
            java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    /** Other Flink options: well-formed keys, none the console sets itself, values Flink's parser accepts. */
    static void flinkOptions(FieldErrors errors, java.util.Map<String, String> options) {
        if (options.size() > MAX_OPTIONS) {
            errors.add("flinkOptions", "At most " + MAX_OPTIONS + " other options");
            return;
        }
        int stored = 0;
        for (var option : options.entrySet()) {
            String key = option.getKey() == null ? "" : option.getKey().strip();
            String value = option.getValue() == null ? "" : option.getValue().strip();
            stored += key.length() + value.length() + 2;
            if (!OPTION_KEY.matcher(key).matches()) {
                errors.add("flinkOptions", "'" + key + "' is not a Flink option key (letters, digits, '.', '-', '_')");
            } else if (MANAGED_KEYS.contains(key)) {
                errors.add("flinkOptions", key + " is set by the console: use its field on this page");
            } else if (value.isEmpty() || value.length() > 1000 || value.chars().anyMatch(Character::isISOControl)) {
                errors.add("flinkOptions", key + ": the value must be one line of at most 1000 characters");
            } else {
                dev.stateset.console.engine.inspect.FlinkOptions.valueProblem(key, value)
                        .ifPresent(problem -> errors.add("flinkOptions", problem));
            }
        }
        if (stored > 8000) {
            errors.add("flinkOptions", "The other options take more than 8000 characters");
        }
    }
}

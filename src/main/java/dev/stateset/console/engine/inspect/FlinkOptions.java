package dev.stateset.console.engine.inspect;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.FallbackKey;

/**
 * The Flink options a job may set, as the Flink version the console is built with (2.1.1) declares them: the option
 * classes of Flink's core that apply to a job (execution, pipeline, restarts, checkpointing, state), read from Flink's
 * own {@code ConfigOption} constants, with their deprecated names. A value is checked by Flink's own parser for the
 * option's type (durations, memory sizes, enums, numbers). Options of modules the console does not bundle (RocksDB's
 * tuning, the Table API) are unknown here: the caller warns about them instead of refusing them.
 */
public final class FlinkOptions {

    /** The option classes whose options are set per job. */
    private static final List<Class<?>> JOB_OPTIONS = List.of(
            org.apache.flink.configuration.CoreOptions.class,
            org.apache.flink.configuration.ExecutionOptions.class,
            org.apache.flink.configuration.PipelineOptions.class,
            org.apache.flink.configuration.RestartStrategyOptions.class,
            org.apache.flink.configuration.CheckpointingOptions.class,
            org.apache.flink.configuration.StateBackendOptions.class,
            org.apache.flink.configuration.StateChangelogOptions.class,
            org.apache.flink.configuration.StateRecoveryOptions.class,
            org.apache.flink.configuration.StateLatencyTrackOptions.class,
            org.apache.flink.configuration.StateSizeTrackOptions.class,
            org.apache.flink.configuration.BatchExecutionOptions.class,
            org.apache.flink.configuration.MetricOptions.class,
            org.apache.flink.configuration.TaskManagerOptions.class);

    /** What the console knows of a key. */
    public record Known(String key, String replacedBy) {}

    private static volatile Map<String, ConfigOption<?>> byKey;

    private FlinkOptions() {}

    /** The option under this key (or one of its deprecated names), if the console knows it. */
    public static Optional<Known> find(String key) {
        ConfigOption<?> option = options().get(key);
        if (option == null) {
            return Optional.empty();
        }
        return Optional.of(new Known(key, option.key().equals(key) ? null : option.key()));
    }

    /** Why Flink would refuse this value for the (known) key, or empty when it parses. */
    public static Optional<String> valueProblem(String key, String value) {
        ConfigOption<?> option = options().get(key);
        if (option == null) {
            return Optional.empty();
        }
        Configuration configuration = new Configuration();
        configuration.setString(key, value);
        try {
            configuration.get(option);
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("Not a valid value for " + key + ": " + e.getMessage());
        }
    }

    private static Map<String, ConfigOption<?>> options() {
        Map<String, ConfigOption<?>> known = byKey;
        if (known == null) {
            known = new HashMap<>();
            for (Class<?> holder : JOB_OPTIONS) {
                for (Field field : holder.getFields()) {
                    if (Modifier.isStatic(field.getModifiers())
                            && ConfigOption.class.isAssignableFrom(field.getType())) {
                        try {
                            ConfigOption<?> option = (ConfigOption<?>) field.get(null);
                            known.put(option.key(), option);
                            for (FallbackKey fallback : option.fallbackKeys()) {
                                known.putIfAbsent(fallback.getKey(), option);
                            }
                        } catch (IllegalAccessException inaccessible) {
                            // a constant Flink does not publish is not one a job sets
                        }
                    }
                }
            }
            byKey = known;
        }
        return known;
    }
}

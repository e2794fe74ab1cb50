package dev.stateset.console.engine;

import java.time.Instant;
import java.util.List;

/**
 * A jar the cluster already has (Flink's {@code /jars}), which jobs may be started from.
 *
 * @param id           Flink's jar id, e.g. {@code 3f2a…_orders.jar}
 * @param entryClasses the entry classes Flink found in it (the manifest's Main-Class first)
 */
public record ClusterJar(String id, String name, Instant uploaded, List<String> entryClasses) {}

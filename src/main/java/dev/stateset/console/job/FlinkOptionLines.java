package dev.stateset.console.job;

import java.util.Map;
import java.util.TreeMap;

/** A job's other Flink options as stored: one {@code key=value} per line, sorted by key. */
final class FlinkOptionLines {

    private FlinkOptionLines() {}

    static String write(Map<String, String> options) {
        if (options.isEmpty()) {
            return null;
        }
        StringBuilder lines = new StringBuilder();
        new TreeMap<>(options)
                .forEach((k, v) -> lines.append(k).append('=').append(v).append('\n'));
        return lines.toString();
    }

    static Map<String, String> read(String stored) {
        Map<String, String> options = new TreeMap<>();
        if (stored != null) {
            for (String line : stored.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    options.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        }
        return options;
    }
}

package dev.stateset.console.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the demo counter job wrote last (its {@code --counts-dir}): the count per key. Restores are checked by
 * counts that continue from the saved values instead of starting again at 1.
 */
public final class DemoCounts {

    private DemoCounts() {}

    /** A fresh directory for a counter job's {@code --counts-dir}, under {@code target/test-data/counts}. */
    public static Path newDir(String prefix) {
        try {
            return Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data", "counts")), prefix)
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The demo job's "key count" lines (LatestCountsSink); empty while the file is not written yet. */
    public static Map<String, Long> read(Path dir) {
        Map<String, Long> counts = new TreeMap<>();
        Path file = dir.resolve("counts-0.txt");
        if (!Files.exists(file)) {
            return counts;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                String[] parts = line.split(" ");
                if (parts.length == 2) {
                    counts.put(parts[0], Long.parseLong(parts[1]));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Caught mid-write: the caller polls again.
        }
        return counts;
    }

    /** The smallest count once all {@code keys} keys are written, else 0. */
    public static long min(Path dir, int keys) {
        Map<String, Long> counts = read(dir);
        return counts.size() < keys
                ? 0
                : counts.values().stream().mapToLong(Long::longValue).min().orElse(0);
    }

    /** Whether every key saved has a higher count now. */
    public static boolean allAbove(Map<String, Long> now, Map<String, Long> saved) {
        return now.keySet().containsAll(saved.keySet())
                && saved.entrySet().stream().allMatch(e -> now.get(e.getKey()) > e.getValue());
    }
}

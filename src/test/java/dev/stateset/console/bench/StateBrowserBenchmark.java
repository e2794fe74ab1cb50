package dev.stateset.console.bench;

import static dev.stateset.console.bench.Report.f;

import dev.stateset.console.engine.inspect.BrowsableSavepoint;
import dev.stateset.console.engine.inspect.KeyedStateBrowser;
import dev.stateset.console.engine.inspect.KeyedStateBrowser.StateAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.springframework.util.unit.DataSize;

/**
 * The keyed state browser on savepoints written with Flink's SavepointWriter — a plain counter's {@code count} state
 * of 10,000 and of 200,000 keys, and the same 200,000 keys in an operator holding six states: the first read (its local
 * cluster starting), a first page of 50, a page 10,000 keys deep (first time and again), and a lookup, side by side;
 * then the six-state operator read whole in one job, as every read was before runs of key groups. Figures are
 * medians of 5 reads unless marked "first".
 */
final class StateBrowserBenchmark {

    static final int READS = 5;

    static Report run() throws Exception {
        Report report = new Report("State browser: the count state of a plain keyed counter (10,000 and 200,000 keys)"
                + " and of an operator holding six states (200,000 keys)");
        long[] small;
        long[] large;
        long[] wide;
        Path wideSavepoint;
        try (BrowsableSavepoint.Browsing browsing = BrowsableSavepoint.open(
                Duration.ofMinutes(5), DataSize.ofMegabytes(256), DataSize.ofMegabytes(1), 2000)) {
            KeyedStateBrowser browser = browsing.browser();
            small = measure(browser, BrowsableSavepoint.write(10_000, false), 10_000);
            large = measure(browser, BrowsableSavepoint.write(200_000, false), 200_000);
            wideSavepoint = BrowsableSavepoint.write(200_000, true);
            wide = measure(browser, wideSavepoint, 200_000);
        }
        // The same reads with the whole operator in one run: what every read cost before the runs of key groups.
        long[] whole;
        try (BrowsableSavepoint.Browsing browsing = BrowsableSavepoint.open(
                Duration.ofMinutes(5), DataSize.ofMegabytes(256), DataSize.ofGigabytes(1), 2000)) {
            whole = measure(browsing.browser(), wideSavepoint, 200_000);
        }
        report.figure("first read (local cluster starts), 10,000 keys", f("%d ms", small[1]), "", null);
        report.figure(
                "savepoint bytes: 10,000 / 200,000 keys / 200,000 × 6 states",
                f("%,d / %,d / %,d", small[0], large[0], wide[0]),
                "",
                null);
        report.figure("first page of 50", f("%d / %d / %d ms", small[2], large[2], wide[2]), "", null);
        report.figure(
                "page at offset 10,000, first time (reads each run before it)",
                f("%d / %d / %d ms", small[3], large[3], wide[3]),
                "",
                null);
        report.figure(
                "page at offset 10,000, again (runs before it skipped by count)",
                f("%d / %d / %d ms", small[4], large[4], wide[4]),
                "",
                null);
        report.figure(
                "lookup of the last key (its key group's run)",
                f("%d / %d / %d ms", small[5], large[5], wide[5]),
                "",
                null);
        report.figure(
                "6 states, whole operator in one read: first page / lookup",
                f("%d / %d ms", whole[2], whole[5]),
                "",
                null);
        report.figure(
                "6 states: one read of the whole operator vs runs of 1 MB, first page",
                f("%.0f×", whole[2] / (double) Math.max(1, wide[2])),
                "runs ≥ 10× faster",
                whole[2] >= 10 * wide[2]);
        report.figure(
                "6 states: the same, lookup",
                f("%.0f×", whole[5] / (double) Math.max(1, wide[5])),
                "runs ≥ 10× faster",
                whole[5] >= 10 * wide[5]);
        report.note("Each read restores runs of whole key groups of about stateset.state-browser.chunk-bytes (1 MB)"
                + " on a heap backend, one local job per run, in key-group order: a page costs the runs before it"
                + " (once; their key counts are kept), a String or number key is looked up in its key group's run."
                + " Pages stop at offset 10,000 (deeper: look the key up). One read at a time per console; a read"
                + " gives up after stateset.state-browser.timeout (60 s); a key group above"
                + " stateset.state-browser.max-state-bytes (256 MB) is refused.");
        return report;
    }

    /** [savepoint bytes, first read ms, first page ms, first deep page ms, deep page again ms, lookup ms]. */
    private static long[] measure(KeyedStateBrowser browser, Path savepoint, int keys) {
        StateAddress count = BrowsableSavepoint.state(savepoint, "count");
        long first = time(() -> browser.page(count, 0, 50, true));
        long page = median(() -> browser.page(count, 0, 50, true));
        int deep = Math.min(10_000, keys - 50);
        long deepFirst = time(() -> browser.page(count, deep, 50, true));
        long deepAgain = median(() -> browser.page(count, deep, 50, true));
        long lookup = median(() -> browser.lookup(count, "key-" + (keys - 1), true)
                .orElseThrow(() -> new IllegalStateException("the last key is missing")));
        return new long[] {bytes(savepoint), first, page, deepFirst, deepAgain, lookup};
    }

    private static long median(Supplier<?> read) {
        long[] times = new long[READS];
        for (int i = 0; i < READS; i++) {
            times[i] = time(read);
        }
        Arrays.sort(times);
        return times[READS / 2];
    }

    private static long time(Supplier<?> read) {
        long start = System.nanoTime();
        read.get();
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long bytes(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(file -> {
                        try {
                            return Files.size(file);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

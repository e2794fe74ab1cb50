package dev.stateset.console.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Runs the benchmarks (all, or those named: cron, scheduler, cleanup, roundtrip, ui, hung, health,
 * browser), prints their figures and
 * writes them to target/benchmarks/results.md. Started by {@code ./mvnw -Pbench verify}; never part of the tests.
 */
public final class Benchmarks {

    private Benchmarks() {}

    public static void main(String[] args) throws Exception {
        Set<String> chosen = args.length == 0 || args[0].isBlank() || args[0].equals("all")
                ? Set.of("cron", "scheduler", "cleanup", "roundtrip", "ui", "hung", "health", "browser", "api", "fleet")
                : Set.of(args[0].toLowerCase(Locale.ROOT).split(","));
        List<Report> reports = new ArrayList<>();
        if (chosen.contains("cron")) {
            reports.add(CronBenchmark.run());
        }
        if (chosen.contains("scheduler")) {
            reports.add(SchedulerBenchmark.run());
        }
        if (chosen.contains("cleanup")) {
            reports.add(CleanupBenchmark.run());
        }
        if (chosen.contains("roundtrip")) {
            reports.add(RoundTripBenchmark.run());
        }
        if (chosen.contains("ui")) {
            reports.add(UiBenchmark.run());
        }
        if (chosen.contains("hung")) {
            reports.add(HungClusterBenchmark.run());
        }
        if (chosen.contains("health")) {
            reports.add(StateHealthBenchmark.run());
        }
        if (chosen.contains("browser")) {
            reports.add(StateBrowserBenchmark.run());
        }
        if (chosen.contains("api")) {
            reports.add(ApiReadBenchmark.run());
        }
        if (chosen.contains("fleet")) {
            reports.add(FleetBenchmark.run());
        }
        StringBuilder md = new StringBuilder("## Benchmark run of " + Instant.now() + "\n\n" + machine() + "\n\n");
        reports.forEach(r -> md.append(r.markdown()));
        Path out = Files.createDirectories(Path.of("target", "benchmarks")).resolve("results.md");
        Files.writeString(out, md);
        System.out.println();
        System.out.println("Written to " + out.toAbsolutePath());
        System.exit(0);
    }

    static String machine() {
        Runtime runtime = Runtime.getRuntime();
        return String.format(
                Locale.ROOT,
                "Machine: %d cores, %.1f GiB max heap, %s %s, %s %s; database: %s",
                runtime.availableProcessors(),
                runtime.maxMemory() / 1024.0 / 1024 / 1024,
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                BenchConsole.database());
    }
}

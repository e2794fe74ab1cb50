package dev.stateset.console.bench;

import static dev.stateset.console.bench.Report.f;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.stateset.console.cron.CronDialect;
import dev.stateset.console.cron.CronSchedule;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Next 5 runs of 100,000 different expressions: cron-utils alone (parse + 5 × nextExecution, in the workspace's zone)
 * against the console's wrapper (CronDialect.parse with its checks + 5 × nextTrigger with the 10-minute minimum and
 * the DST rule). Same expressions, same start time; best of 3 rounds after 1 warm-up round.
 */
final class CronBenchmark {

    static final int EXPRESSIONS = 100_000;
    static final int RUNS = 5;

    static Report run() {
        Report report = new Report("Next-run computation: 100,000 expressions × next 5 runs");
        List<String> expressions = expressions(EXPRESSIONS, new Random(42));
        ZoneId zone = ZoneId.of("Europe/Berlin");
        Instant from = Instant.parse("2026-11-29T10:17:00Z");
        // The same field layout as the console's dialect (Unix 5 fields, Monday = 1), straight from the library.
        CronDefinition unix = CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX);
        CronParser parser = new CronParser(unix);
        List<String> library =
                expressions.stream().map(e -> e.replaceAll(" 6,7$", " 6,0")).toList(); // Unix: Sunday = 0

        long sink = 0;
        double libraryBest = Double.MAX_VALUE;
        double wrapperBest = Double.MAX_VALUE;
        for (int round = 0; round < 4; round++) {
            long t0 = System.nanoTime();
            for (String expression : library) {
                ExecutionTime execution = ExecutionTime.forCron(parser.parse(expression));
                ZonedDateTime cursor = from.atZone(zone);
                for (int i = 0; i < RUNS; i++) {
                    Optional<ZonedDateTime> next = execution.nextExecution(cursor);
                    cursor = next.orElseThrow();
                }
                sink += cursor.getMinute();
            }
            long t1 = System.nanoTime();
            for (String expression : expressions) {
                CronSchedule schedule = CronDialect.parse(expression);
                Instant cursor = from;
                Instant last = null;
                for (int i = 0; i < RUNS; i++) {
                    cursor = schedule.nextTrigger(cursor, zone, last).orElseThrow();
                    last = cursor;
                }
                sink += cursor.getEpochSecond() % 7;
            }
            long t2 = System.nanoTime();
            if (round >= 1) {
                libraryBest = Math.min(libraryBest, (t1 - t0) / 1e9);
                wrapperBest = Math.min(wrapperBest, (t2 - t1) / 1e9);
            }
        }
        double ratio = wrapperBest / libraryBest;
        report.figure("cron-utils 9.2.1 alone: expressions/s", f("%,.0f", EXPRESSIONS / libraryBest), "", null)
                .figure(
                        "console wrapper (CronDialect + nextTrigger): expressions/s",
                        f("%,.0f", EXPRESSIONS / wrapperBest),
                        "",
                        null)
                .figure("wrapper time / library time", f("%.2f×", ratio), "≤ 1.5×", ratio <= 1.5)
                .note(f(
                        "Each expression: parse + next %d runs from %s in %s (checksum %d). The wrapper also checks each field's "
                                + "characters, refuses expressions that never fire, applies the 10-minute minimum and resolves DST gaps.",
                        RUNS, from, zone, sink % 1000));
        return report;
    }

    /** Mixed, realistic expressions: steps, lists, ranges, day-of-week and day-of-month rules. */
    static List<String> expressions(int count, Random random) {
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int m = random.nextInt(60);
            int h = random.nextInt(24);
            out.add(
                    switch (i % 8) {
                        case 0 -> "*/" + (10 + random.nextInt(4) * 5) + " * * * *";
                        case 1 -> m + " * * * *";
                        case 2 -> m + " " + h + " * * *";
                        case 3 -> m + " " + h + " * * 1-5";
                        case 4 -> m + "," + ((m + 30) % 60) + " " + h + "-" + Math.min(23, h + 4) + " * * *";
                        case 5 -> m + " " + h + " " + (1 + random.nextInt(28)) + " * *";
                        case 6 -> m + " */" + (2 + random.nextInt(5)) + " * * 6,7";
                        default -> m + " " + h + " 1 */3 *";
                    });
        }
        return out;
    }
}

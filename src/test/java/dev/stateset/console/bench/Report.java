package dev.stateset.console.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Figures of one benchmark: printed as they come, and collected for target/benchmarks/results.md. */
final class Report {

    private final String title;
    private final List<String[]> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    Report(String title) {
        this.title = title;
        System.out.println();
        System.out.println("== " + title);
    }

    /** One figure: what, value, and the target it is held against (or "" when it has none). */
    Report figure(String what, String value, String target, Boolean met) {
        rows.add(new String[] {what, value, target, met == null ? "" : met ? "met" : "MISSED"});
        System.out.printf(
                Locale.ROOT,
                "   %-58s %18s   %s%s%n",
                what,
                value,
                target,
                met == null ? "" : met ? "  (met)" : "  (MISSED)");
        return this;
    }

    Report note(String note) {
        notes.add(note);
        System.out.println("   note: " + note);
        return this;
    }

    String markdown() {
        StringBuilder md =
                new StringBuilder("### " + title + "\n\n| figure | value | target | |\n|---|---:|---|---|\n");
        for (String[] row : rows) {
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        for (String note : notes) {
            md.append("\n").append(note).append("\n");
        }
        return md.append('\n').toString();
    }

    static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}

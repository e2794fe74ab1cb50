package dev.stateset.console.base;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Batch work in slices: statements with at most so many parameters, groups handed to one task each. */
public final class Chunks {

    private Chunks() {}

    /** Consecutive views of {@code list}, each at most {@code size} long (the last may be shorter). */
    public static <T> List<List<T>> of(List<T> list, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < list.size(); from += size) {
            chunks.add(list.subList(from, Math.min(list.size(), from + size)));
        }
        return chunks;
    }

    /** {@code ?,?,…}: the placeholders of an SQL {@code in (…)} list of {@code count} values. */
    public static String placeholders(int count) {
        return String.join(",", Collections.nCopies(count, "?"));
    }
}

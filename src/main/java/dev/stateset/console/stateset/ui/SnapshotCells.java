package dev.stateset.console.stateset.ui;

import com.vaadin.flow.data.renderer.LitRenderer;
import dev.stateset.console.stateset.FailureExplanation;
import dev.stateset.console.stateset.JobSnapshot;
import dev.stateset.console.stateset.SnapshotStatus;
import java.util.function.Function;

/**
 * Cells of the snapshot and checkpoint grids, as Lit templates rather than server components: a page of 50 rows of
 * components was the console's most expensive page to draw (DD009).
 */
final class SnapshotCells {

    private SnapshotCells() {}

    /**
     * A cell with a failure explained in plain words (headline, advice) and the raw cause behind a native disclosure
     * ({@code <details>}: one click, keyboard-operable), or the plain text of {@code otherwise} when there is none.
     */
    static <T> LitRenderer<T> causeRenderer(Function<T, FailureExplanation> failure, Function<T, String> otherwise) {
        return causeRenderer(failure, otherwise, t -> null);
    }

    /** As {@link #causeRenderer(Function, Function)}, under a first line (e.g. a description). */
    static <T> LitRenderer<T> causeRenderer(
            Function<T, FailureExplanation> failure, Function<T, String> otherwise, Function<T, String> firstLine) {
        return LitRenderer.<T>of("<div class=\"cell-first-line\" ?hidden=\"${!item.first}\">${item.first}</div>"
                        + "<details class=\"failure-raw\" ?hidden=\"${!item.failed}\"><summary><span class=\"failure-headline\">"
                        + "${item.headline}</span> <span class=\"failure-advice\">${item.advice}</span></summary><pre>${item.raw}</pre></details>"
                        + "<span class=\"cell-second-line\" ?hidden=\"${item.failed}\">${item.text}</span>")
                .withProperty("first", t -> firstLine.apply(t) == null ? "" : firstLine.apply(t))
                .withProperty("failed", t -> failure.apply(t) != null)
                .withProperty(
                        "headline",
                        t -> failure.apply(t) == null ? "" : failure.apply(t).headline())
                .withProperty(
                        "advice",
                        t -> failure.apply(t) == null || failure.apply(t).advice() == null
                                ? ""
                                : failure.apply(t).advice())
                .withProperty(
                        "raw",
                        t -> failure.apply(t) == null ? "" : failure.apply(t).raw())
                .withProperty("text", t -> otherwise.apply(t) == null ? "" : otherwise.apply(t));
    }

    static String details(JobSnapshot s) {
        return switch (s.status()) {
            case COMPLETED -> s.location();
            case FAILED, DELETE_FAILED -> s.failureCause();
            case DELETED ->
                "Deleted by " + s.deletedBy() + " (" + s.deleteReason() + ")"
                        + (s.location() == null ? "" : "; was " + s.location());
            case IN_PROGRESS ->
                s.attempts() > 0
                        ? "Retrying (attempt " + (s.attempts() + 1) + "): " + s.failureCause()
                        : "Waiting for Flink…";
            case DELETING -> "Deleting files of " + s.location();
        };
    }

    static LitRenderer<JobSnapshot> twoLines(
            Function<JobSnapshot, String> first, Function<JobSnapshot, String> second) {
        return LitRenderer.<JobSnapshot>of(
                        "<div>${item.first}</div><div class=\"cell-second-line\">${item.second}</div>")
                .withProperty("first", first::apply)
                .withProperty("second", second::apply);
    }

    static LitRenderer<JobSnapshot> statusRenderer() {
        return LitRenderer.<JobSnapshot>of("<vaadin-horizontal-layout style=\"align-items: center\" theme=\"spacing\">"
                        + "<span theme=\"${item.theme}\">${item.status}</span>"
                        + "<vaadin-progress-bar indeterminate style=\"width: 4em\" aria-label=\"Snapshot in progress\" ?hidden=\"${!item.inProgress}\">"
                        + "</vaadin-progress-bar></vaadin-horizontal-layout>")
                .withProperty("status", s -> s.status().name())
                .withProperty("theme", s -> switch (s.status()) {
                    case COMPLETED -> "badge success";
                    case FAILED, DELETE_FAILED -> "badge error";
                    case IN_PROGRESS -> "badge";
                    default -> "badge contrast";
                })
                .withProperty("inProgress", s -> s.status() == SnapshotStatus.IN_PROGRESS);
    }
}

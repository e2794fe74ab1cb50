package dev.stateset.console.stateset;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Why a snapshot or checkpoint failed, in plain words with what to do about it; the raw cause (Flink's or the storage's
 * message) stays one click away. Recognises the failures an operator meets most (permission denied, a path that
 * exists, a timeout, a job that was not running, a cluster out of reach, a declined checkpoint); anything else is shown
 * as the first line of the raw cause without its Java class names.
 *
 * @param advice null when there is nothing better to say than the cause itself
 */
public record FailureExplanation(String headline, String advice, String raw) {

    private record Rule(Pattern cause, String headline, String advice) {}

    private static final List<Rule> RULES = List.of(
            rule(
                    "access ?denied|permission denied|forbidden|not authori[sz]ed|status code: 403|\\b403\\b",
                    "The storage refused access to the snapshot's path (permission denied).",
                    "Give the Flink cluster write access to the workspace's storage path (bucket policy, credentials or directory "
                            + "permissions), then try again."),
            rule(
                    "filealreadyexists|already exists|not a directory|failed to create savepoint directory",
                    "The snapshot's path is taken: a file already exists where its directory must go.",
                    "Remove or rename what is at that path, or change the workspace's storage path, then try again."),
            rule(
                    "timed out|timeout|expired before completing|checkpoint expired",
                    "It did not finish in time.",
                    "Raise the timeout (checkpoint timeout on the Configuration tab; stateset.engine.savepoint-timeout for "
                            + "snapshots), or relieve backpressure so that the barriers get through, then try again."),
            rule(
                    "unreachable|connection refused|did not answer|unknownhost|could not be reached|circuit|connectexception|refused the call",
                    "The Flink cluster could not be reached.",
                    "Check that the cluster is up and that the workspace's Flink REST address is right; scheduled snapshots are "
                            + "retried on their own."),
            rule(
                    "not running|not in state running|no longer has the job|has no run|jobnotfound|job could not be found"
                            + "|not all required tasks are currently running|tasks? (?:are|is) not running"
                            + "|job (?:has )?(?:already )?(?:finished|been cancell?ed|cancell?ed)|in state (?:finished|cancell?ed)",
                    "The job was not running, so Flink could not take it.",
                    "Start the job, wait until it is RUNNING, then take it again."),
            rule(
                    "declined|task failure|checkpoint_declined|failed to trigger",
                    "A task of the job declined it (the task failed or was not ready).",
                    "Look at the job's exceptions in Flink; once its tasks are healthy the next one usually succeeds."));

    private static final Pattern CLASS_NAMES =
            Pattern.compile("^(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error|Throwable)?:\\s*");

    private static Rule rule(String cause, String headline, String advice) {
        return new Rule(Pattern.compile(cause, Pattern.CASE_INSENSITIVE), headline, advice);
    }

    /** The explanation of a raw failure cause; null for none. */
    public static FailureExplanation of(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        for (Rule rule : RULES) {
            if (rule.cause().matcher(raw).find()) {
                return new FailureExplanation(rule.headline(), rule.advice(), raw);
            }
        }
        return new FailureExplanation(plainFirstLine(raw), null, raw);
    }

    /** The headline and the advice as one sentence pair. */
    public String text() {
        return advice == null ? headline : headline + " " + advice;
    }

    static String plainFirstLine(String raw) {
        String line = raw.strip().lines().findFirst().orElse("").strip();
        String previous;
        do {
            previous = line;
            line = CLASS_NAMES.matcher(line).replaceFirst("");
        } while (!line.equals(previous));
        if (line.isEmpty()) {
            return "It failed without a message.";
        }
        line = Character.toUpperCase(line.charAt(0)) + line.substring(1);
        return line.length() > 200 ? line.substring(0, 199) + "…" : line;
    }
}

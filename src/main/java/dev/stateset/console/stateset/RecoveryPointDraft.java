package dev.stateset.console.stateset;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.stateset.console.base.FieldErrors;

/**
 * A job's recovery-point objective as an editor sets it (Configuration tab, API).
 *
 * @param objectiveMinutes the newest restorable state may be at most this many minutes old (1 to 525,600, a year);
 *                         null for no objective. Set it to the source's retention minus a margin: older state cannot
 *                         be replayed.
 * @param snapshotOnBreach whether a breach triggers a job snapshot, besides the alert
 */
public record RecoveryPointDraft(
        @JsonProperty(required = true) Integer objectiveMinutes,
        @JsonProperty(required = true) boolean snapshotOnBreach) {

    public static final int MAX_MINUTES = 525_600;

    void validate() {
        FieldErrors errors = new FieldErrors();
        if (objectiveMinutes != null && (objectiveMinutes < 1 || objectiveMinutes > MAX_MINUTES)) {
            errors.add(
                    "objectiveMinutes",
                    "Must be between 1 and " + MAX_MINUTES + " minutes (a year), or empty for none");
        }
        if (objectiveMinutes == null && snapshotOnBreach) {
            errors.add("snapshotOnBreach", "Needs an objective to breach");
        }
        errors.throwIfAny();
    }
}

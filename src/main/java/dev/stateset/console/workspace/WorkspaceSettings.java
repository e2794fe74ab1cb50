package dev.stateset.console.workspace;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.stateset.console.base.FieldErrors;
import java.math.BigDecimal;

/**
 * What a workspace's owner decides for everyone in it.
 *
 * @param storagePricePerGbMonth what a GB of snapshot storage costs per month, in the team's currency, for State
 *                               health's estimate; null when not set (no estimate is shown)
 * @param blackoutWindows        weekly windows, one per line (e.g. {@code Mon-Fri 09:00-17:00}, in the workspace's
 *                               zone), in which no scheduled snapshot of any of its jobs starts; empty for none
 * @param viewersSeeStateValues  whether viewers see the values in the state browser (state can hold personal data);
 *                               editors and owners always do
 */
public record WorkspaceSettings(
        @JsonProperty(required = true) BigDecimal storagePricePerGbMonth,
        @JsonProperty(required = true) String blackoutWindows,
        @JsonProperty(required = true) boolean viewersSeeStateValues) {

    static final BigDecimal MAX_PRICE = new BigDecimal("10000");

    void validate() {
        FieldErrors errors = new FieldErrors();
        if (storagePricePerGbMonth != null) {
            if (storagePricePerGbMonth.signum() < 0 || storagePricePerGbMonth.compareTo(MAX_PRICE) > 0) {
                errors.add("storagePricePerGbMonth", "Must be between 0 and " + MAX_PRICE + " per GB-month");
            } else if (storagePricePerGbMonth.stripTrailingZeros().scale() > 4) {
                errors.add("storagePricePerGbMonth", "At most 4 decimal places");
            }
        }
        try {
            dev.stateset.console.cron.BlackoutWindows.parse(blackoutWindows, "blackoutWindows");
        } catch (dev.stateset.console.base.InvalidInputException e) {
            e.fieldErrors().forEach(errors::add);
        }
        errors.throwIfAny();
    }

    /** The windows as stored: the lines as written, comments and blank lines dropped. */
    String normalWindows() {
        return dev.stateset.console.cron.BlackoutWindows.parse(blackoutWindows, "blackoutWindows")
                .text();
    }
}

package dev.stateset.console.workspace;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.stateset.console.base.FieldErrors;
import java.math.BigDecimal;

/**
 * What a workspace's owner decides for everyone in it.
 *
 * @param storagePricePerGbMonth what a GB of snapshot storage costs per month, in the team's currency, for State
 *                               health's estimate; null when not set (no estimate is shown)
 */
public record WorkspaceSettings(
        @JsonProperty(required = true) BigDecimal storagePricePerGbMonth) {

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
        errors.throwIfAny();
    }
}

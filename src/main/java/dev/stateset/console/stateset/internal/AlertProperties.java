package dev.stateset.console.stateset.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code stateset.alerts.*}: when failed scheduled snapshots raise a job's alert.
 *
 * @param failures this many failed scheduled snapshots within {@code window} raise the alert (and POST the webhook)
 * @param window   how far back failures count
 */
@ConfigurationProperties(prefix = "stateset.alerts")
record AlertProperties(
        @DefaultValue("3") int failures,
        @DefaultValue("60m") Duration window) {}

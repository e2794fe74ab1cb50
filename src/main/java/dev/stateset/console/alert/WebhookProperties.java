package dev.stateset.console.alert;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code stateset.alerts.webhook-secret}: signs webhook bodies (HMAC-SHA256) so that receivers can tell the console's
 * POSTs from forged ones; empty: unsigned.
 */
@ConfigurationProperties(prefix = "stateset.alerts")
record WebhookProperties(@DefaultValue("") String webhookSecret) {}

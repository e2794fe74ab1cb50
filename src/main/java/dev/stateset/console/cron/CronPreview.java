package dev.stateset.console.cron;

import java.time.Instant;
import java.util.List;

/**
 * What a schedule will do: its plain-language description and next due times (after the 10-minute minimum).
 *
 * @param minimumIntervalApplied true when the expression has due times less than 10 minutes apart, which the
 *                               console skips
 */
public record CronPreview(String expression, String description, boolean minimumIntervalApplied, List<Instant> next) {}

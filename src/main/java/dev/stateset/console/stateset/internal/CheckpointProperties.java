package dev.stateset.console.stateset.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code stateset.checkpoints.*}: the console's own record of the checkpoints it has seen.
 *
 * @param keepHistory how long recorded checkpoints are kept, across runs (Flink keeps only a run's last ten)
 */
@ConfigurationProperties(prefix = "stateset.checkpoints")
record CheckpointProperties(@DefaultValue("30d") Duration keepHistory) {}

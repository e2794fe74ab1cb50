package dev.stateset.console.live;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code stateset.live.*}: the feed that carries changes to other replicas.
 *
 * @param feedPurgeInterval how often a replica deletes feed rows that every replica has read
 */
@ConfigurationProperties(prefix = "stateset.live")
record LiveProperties(@DefaultValue("30s") Duration feedPurgeInterval) {}

package dev.stateset.console.base;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Background work (job status sync, snapshot tracking); tests that drive it by hand switch it off. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "stateset.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class SchedulingConfig {}

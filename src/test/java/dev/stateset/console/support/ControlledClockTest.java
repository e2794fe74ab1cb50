package dev.stateset.console.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;

/**
 * A console whose clock the test moves, with background scheduling off: tests call the scheduler's tick and the
 * cleanup themselves; storage deletes can be made to fail. One shared context for all such tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        properties = {
            "stateset.scheduling.enabled=false",
            "stateset.engine.savepoint-timeout=1d",
            "stateset.scheduler.trigger-attempts=2",
            "stateset.scheduler.retry-backoff=100ms",
            "stateset.alerts.failures=2",
            "stateset.alerts.webhook-secret=" + ControlledClockTest.WEBHOOK_SECRET
        })
@ActiveProfiles("test")
@Import({ControlledClockTest.Config.class, FaultInjectingStorage.Config.class})
public @interface ControlledClockTest {

    String WEBHOOK_SECRET = "webhook-secret-for-tests";

    @TestConfiguration(proxyBeanMethods = false)
    class Config {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(Instant.parse("2026-11-29T00:00:00Z"));
        }
    }
}

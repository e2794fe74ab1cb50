package dev.stateset.console.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;

/**
 * The running console on a random port, for real-browser and HTTP API tests; one shared context for all. Snapshot
 * polling is slowed so that a person (and a test) can see a snapshot's IN_PROGRESS state before it completes.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "stateset.engine.savepoint-poll-interval=1500ms",
            "stateset.engine.savepoint-first-poll=1500ms",
            // A group left at the directory signs its members out within seconds, not minutes.
            "stateset.security.session-recheck-interval=2s"
        })
@ActiveProfiles("test")
// Spring Boot tests switch metric export off by default; the running console keeps /actuator/prometheus like
// production.
@AutoConfigureObservability(tracing = false)
@Import({RunningConsoleTest.Config.class, FaultInjectingStorage.Config.class})
// Users of a real LDAP directory (in memory) and of a real OpenID provider (Spring Authorization Server) may sign in:
// stage 15's team logins.
@org.springframework.test.context.ContextConfiguration(
        initializers = {TeamDirectory.Initializer.class, TeamIdentityProvider.Initializer.class})
public @interface RunningConsoleTest {

    /** Real time that a test can move ahead, to watch schedules fire without waiting for them. */
    @TestConfiguration(proxyBeanMethods = false)
    class Config {
        @Bean
        @Primary
        OffsetClock offsetClock() {
            return new OffsetClock();
        }
    }
}

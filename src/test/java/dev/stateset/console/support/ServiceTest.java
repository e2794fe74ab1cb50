package dev.stateset.console.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The console without a web server, for service and browserless view tests: one context shared by every class that
 * carries this annotation (and by {@link KaribuViewTest}). Each distinct context keeps its own embedded Flink and
 * schedulers running until the JVM ends, so a test joins this one unless it needs other settings.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest
@ActiveProfiles("test")
@Import(FaultInjectingStorage.Config.class)
// The directory's users may sign in here too (the sign-in settings page lists it).
@org.springframework.test.context.ContextConfiguration(initializers = TeamDirectory.Initializer.class)
public @interface ServiceTest {}

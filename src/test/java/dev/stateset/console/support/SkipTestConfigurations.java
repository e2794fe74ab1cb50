package dev.stateset.console.support;

import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * For a console started by hand in a test or benchmark JVM (SpringApplicationBuilder): leaves the tests' own
 * {@code @TestConfiguration} classes out of component scanning, as the test framework does for its contexts.
 */
public final class SkipTestConfigurations extends TypeExcludeFilter {

    /** Registers the filter on a context before it scans. */
    public static void register(ConfigurableApplicationContext context) {
        context.getBeanFactory().registerSingleton("skipTestConfigurations", new SkipTestConfigurations());
    }

    @Override
    public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
        return reader.getAnnotationMetadata().hasAnnotation(TestConfiguration.class.getName());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SkipTestConfigurations;
    }

    @Override
    public int hashCode() {
        return SkipTestConfigurations.class.hashCode();
    }
}

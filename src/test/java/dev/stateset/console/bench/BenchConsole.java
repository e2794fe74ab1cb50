package dev.stateset.console.bench;

import dev.stateset.console.Application;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/** A whole console for a benchmark: the real application, the test profile's throwaway H2 and directories. */
final class BenchConsole {

    private BenchConsole() {}

    static ConfigurableApplicationContext start(Map<String, String> properties, Class<?>... extraSources) {
        List<String> args = new ArrayList<>();
        properties.forEach((k, v) -> args.add("--" + k + "=" + v));
        Object[] sources = new Object[extraSources.length + 1];
        sources[0] = Application.class;
        System.arraycopy(extraSources, 0, sources, 1, extraSources.length);
        return new SpringApplicationBuilder().sources(toClasses(sources)).profiles("test")
                .initializers(c -> c.getBeanFactory().registerSingleton("skipTestConfigurations", new SkipTestConfigurations()))
                .run(args.toArray(String[]::new));
    }

    private static Class<?>[] toClasses(Object[] sources) {
        Class<?>[] classes = new Class<?>[sources.length];
        for (int i = 0; i < sources.length; i++) {
            classes[i] = (Class<?>) sources[i];
        }
        return classes;
    }

    /** The tests' @TestConfiguration classes are not part of a console (a benchmark adds its own explicitly). */
    static final class SkipTestConfigurations extends TypeExcludeFilter {
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
}

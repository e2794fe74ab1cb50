package dev.stateset.console;

import dev.stateset.console.engine.embedded.DemoJobArtifact;
import dev.stateset.console.engine.embedded.DemoJobJar;
import dev.stateset.console.job.BuiltinJobJar;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The built-in demo jobs a job may name: the jar the embedded engine writes from the console's own classes. */
@Configuration(proxyBeanMethods = false)
class DemoJobsWiring {

    @Bean
    BuiltinJobJar builtinJobJar(DemoJobArtifact demoJobs) {
        return new BuiltinJobJar() {
            @Override
            public java.nio.file.Path path() {
                return demoJobs.path();
            }

            @Override
            public java.util.List<String> entryClasses() {
                return DemoJobJar.ENTRY_CLASSES;
            }
        };
    }
}

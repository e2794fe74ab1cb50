package dev.stateset.console.engine.embedded;

import dev.stateset.console.engine.EngineProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/** The demo jobs' jar on disk, written once from the console's classes when first needed. */
@Component
public class DemoJobArtifact {

    private final Path target;
    private volatile Path written;

    DemoJobArtifact(EngineProperties properties) {
        this.target =
                properties.embedded().workDir().toAbsolutePath().normalize().resolve("demo-jobs.jar");
    }

    public synchronized Path path() {
        if (written == null) {
            try {
                written = DemoJobJar.write(target);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the demo job jar to " + target, e);
            }
        }
        return written;
    }
}

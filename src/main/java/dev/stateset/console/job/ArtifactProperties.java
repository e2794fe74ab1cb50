package dev.stateset.console.job;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code stateset.artifacts.*}: where uploaded job jars are kept and which server directories jobs may name.
 *
 * @param dir         the artifact store: uploaded jars, one file per content (named by its SHA-256)
 * @param maxSize     the largest jar accepted (also the API's multipart limit)
 * @param allowedDirs directories an admin allows jobs to name jars in ({@code file:/opt/jobs/x.jar}); empty by default,
 *                    so no job can make the console read a file of its server
 */
@ConfigurationProperties(prefix = "stateset.artifacts")
public record ArtifactProperties(
        @DefaultValue("./data/artifacts") Path dir,
        @DefaultValue("200MB") DataSize maxSize,
        @DefaultValue List<Path> allowedDirs) {

    public ArtifactProperties {
        allowedDirs = allowedDirs == null
                ? List.of()
                : allowedDirs.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        dir = dir.toAbsolutePath().normalize();
    }
}

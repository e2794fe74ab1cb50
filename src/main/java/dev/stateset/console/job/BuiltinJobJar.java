package dev.stateset.console.job;

import java.nio.file.Path;

/**
 * The jar of the built-in demo jobs ({@link JobArtifacts#BUILTIN}), for a console that has one. The job feature
 * names what it needs; the application wires the embedded engine's demo jar in, so the job feature does not
 * depend on an engine adapter.
 */
public interface BuiltinJobJar {

    /** The jar on the console's disk, written when first asked for. */
    Path path();

    /** The jobs it holds (their entry classes), to offer by name. */
    java.util.List<String> entryClasses();
}

package dev.stateset.console.workspace;

/** Which Flink a workspace's jobs run on: the console's in-process cluster, or a remote session cluster. */
public enum EngineKind {
    EMBEDDED,
    REMOTE
}

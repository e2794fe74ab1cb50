package dev.stateset.console.engine;

/** Flink's savepoint formats: CANONICAL (portable across state backends) and NATIVE (faster). */
public enum SavepointFormatType {
    CANONICAL,
    NATIVE
}

package dev.stateset.console.job;

/**
 * How a job is started: without state; from its latest job snapshot; from its latest state (the newer of its latest
 * retained checkpoint and its latest snapshot); or from a chosen snapshot (of this job or another of the workspace).
 */
public enum StartStrategy {
    STATELESS,
    LATEST_SNAPSHOT,
    LATEST_STATE,
    SNAPSHOT
}

package dev.stateset.console.job;

import java.time.Instant;

/** A row of a workspace's job list. {@code lastSnapshotAt} is null when no snapshot completed yet. */
public record JobSummary(long id, String name, JobStatus status, Instant lastSnapshotAt, boolean scheduleEnabled) {}

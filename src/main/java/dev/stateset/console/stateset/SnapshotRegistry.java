package dev.stateset.console.stateset;

import dev.stateset.console.audit.AuditLog;
import dev.stateset.console.base.FieldErrors;
import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.engine.inspect.JobStateInspector;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobService;
import dev.stateset.console.security.CurrentUser;
import dev.stateset.console.stateset.internal.CheckpointRecords;
import dev.stateset.console.stateset.internal.SnapshotEntity;
import dev.stateset.console.stateset.internal.SnapshotInserts;
import dev.stateset.console.stateset.internal.SnapshotRepository;
import dev.stateset.console.storage.SnapshotStorage;
import dev.stateset.console.storage.StorageProperties;
import java.util.EnumSet;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Snapshots the console did not take: registered from elsewhere (another cluster, Flink's CLI, a previous console),
 * or a stopped job's latest checkpoint kept as a job snapshot. Both are COMPLETED snapshots with trigger EXTERNAL that
 * cleanup never deletes; their metadata is read before any transaction opens (it may be on S3).
 */
@Service
public class SnapshotRegistry {

    private final JobService jobs;
    private final SnapshotRepository snapshots;
    private final SnapshotInserts inserts;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final JobStateInspector inspector;
    private final SnapshotStorage storage;
    private final StorageProperties storageProperties;
    private final CheckpointRecords checkpointRecords;

    SnapshotRegistry(
            JobService jobs,
            SnapshotRepository snapshots,
            SnapshotInserts inserts,
            CurrentUser currentUser,
            AuditLog audit,
            TransactionTemplate transactions,
            JobStateInspector inspector,
            SnapshotStorage storage,
            StorageProperties storageProperties,
            CheckpointRecords checkpointRecords) {
        this.jobs = jobs;
        this.snapshots = snapshots;
        this.inserts = inserts;
        this.currentUser = currentUser;
        this.audit = audit;
        this.transactions = transactions;
        this.inspector = inspector;
        this.storage = storage;
        this.storageProperties = storageProperties;
        this.checkpointRecords = checkpointRecords;
    }

    /**
     * Registers a snapshot made elsewhere (another cluster, another console, Flink's CLI) as a COMPLETED job snapshot
     * with trigger EXTERNAL: its {@code _metadata} must be readable (its operators and format are read from it), it is
     * restorable into this job or another of the workspace, and cleanup never deletes it. Locations come from the
     * console's storage or a prefix an admin allowed ({@code stateset.storage.registrable-locations}).
     */
    public JobSnapshot register(long workspaceId, long jobId, String location, String description) {
        return registered(SnapshotService.requireEditable(jobs, workspaceId, jobId), location, description, true);
    }

    /**
     * Keeps the latest completed checkpoint of the job's last run as a job snapshot (trigger EXTERNAL, never cleaned
     * up), once the job has stopped: while it runs, Flink deletes a checkpoint as soon as a newer one subsumes it.
     */
    public JobSnapshot keepLatestCheckpoint(long workspaceId, long jobId) {
        JobDetails job = SnapshotService.requireEditable(jobs, workspaceId, jobId);
        if (job.status().isActive()) {
            throw InvalidInputException.of(
                    "status",
                    "Flink deletes a running job's checkpoint once a newer one subsumes it: take a job snapshot"
                            + " instead, or keep the latest checkpoint after the job stops");
        }
        SystemCheckpoint latest = (job.engineJobId() == null
                        ? List.<SystemCheckpoint>of()
                        : transactions.execute(
                                tx -> checkpointRecords.page(job.id(), List.of("COMPLETED"), job.engineJobId(), 0, 20)))
                .stream()
                        .filter(c -> c.externalPath() != null)
                        .findFirst()
                        .orElseThrow(() -> InvalidInputException.of(
                                "checkpoint", "The job's last run has no completed checkpoint with a path to keep"));
        try {
            return registered(
                    job,
                    latest.externalPath(),
                    "kept checkpoint " + latest.checkpointId() + " of run " + latest.run(),
                    false);
        } catch (InvalidInputException gone) {
            throw InvalidInputException.of(
                    "checkpoint",
                    "Checkpoint " + latest.checkpointId() + " is gone from " + latest.externalPath()
                            + ": Flink deletes a job's checkpoints when it finishes (as after a stop with a snapshot,"
                            + " whose snapshot is then the latest state) and keeps them after a cancel or a failure");
        }
    }

    private JobSnapshot registered(JobDetails job, String location, String description, boolean checkAllowed) {
        long workspaceId = job.workspace().id();
        // file:///x and file:/x are the same place; Flink writes the second.
        String clean = sameFileForm(FieldErrors.clean(location));
        while (clean.endsWith("/") && clean.length() > 1) {
            clean = clean.substring(0, clean.length() - 1);
        }
        FieldErrors errors = new FieldErrors().limitDescription("description", description);
        String problem = checkAllowed ? registrableProblem(clean) : null;
        if (problem != null) {
            errors.add("location", problem);
        }
        errors.throwIfAny();
        String at = clean;
        // Read before any transaction: the metadata may be on S3, and a slow read must not hold a connection.
        JobStateInspector.SnapshotMetadata metadata;
        Long size;
        try {
            metadata = inspector.metadata(at);
            size = inspector.sizeOf(at);
        } catch (IllegalStateException unreadable) {
            throw InvalidInputException.of(
                    "location", "No readable snapshot at " + at + " (its _metadata): " + unreadable.getMessage());
        }
        SnapshotFormat format =
                "CANONICAL".equals(metadata.formatType()) ? SnapshotFormat.CANONICAL : SnapshotFormat.NATIVE;
        String by = currentUser.require().username();
        String text = FieldErrors.clean(description).isEmpty()
                ? (metadata.savepoint() ? "registered savepoint" : "registered checkpoint") + " "
                        + metadata.checkpointId()
                : FieldErrors.clean(description);
        return transactions.execute(tx -> {
            if (snapshots.existsByJobIdAndLocationAndStatusIn(
                    job.id(), at, EnumSet.of(SnapshotStatus.COMPLETED, SnapshotStatus.DELETE_FAILED))) {
                throw InvalidInputException.of("location", "This snapshot is registered for the job already");
            }
            SnapshotEntity entity = inserts.insertRegistered(job, at, format, text, size, by);
            audit.record(
                    workspaceId,
                    "snapshot.register",
                    "snapshot",
                    entity.getId(),
                    "job=" + job.name() + ", location=" + at + ", format=" + format + ", operators="
                            + metadata.operators().stream()
                                    .map(o -> o.uid() != null ? o.uid() : o.operatorId())
                                    .limit(50)
                                    .toList());
            return entity.toRecord();
        });
    }

    /** Why the location cannot be registered, or null: a URI with a scheme, no "..", below an allowed prefix. */
    private String registrableProblem(String location) {
        if (location.isEmpty()) {
            return "Enter the snapshot's location, e.g. s3://bucket/savepoints/savepoint-1a2b3c-4d5e6f7a8b9c";
        }
        if (location.length() > 1000) {
            return "The location must be at most 1000 characters";
        }
        java.net.URI uri;
        try {
            uri = new java.net.URI(location);
        } catch (java.net.URISyntaxException e) {
            return "Not a valid location: " + e.getReason();
        }
        if (uri.getScheme() == null || location.contains("/../") || location.endsWith("/..")) {
            return "Give the location as a URI with its scheme (file:/…, s3://…), without '..'";
        }
        boolean allowed = storage.owns(location)
                || storageProperties.registrableLocations().stream()
                        .anyMatch(prefix -> !prefix.isBlank() && location.startsWith(sameFileForm(prefix.strip())));
        return allowed
                ? null
                : "Snapshots are registered from the console's storage or from a location an admin allowed"
                        + (storageProperties.registrableLocations().isEmpty()
                                ? " (none is: stateset.storage.registrable-locations)"
                                : " " + storageProperties.registrableLocations());
    }

    private static String sameFileForm(String location) {
        return location.startsWith("file:///") ? "file:/" + location.substring("file:///".length()) : location;
    }
}

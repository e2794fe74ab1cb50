package dev.stateset.console.stateset.internal;

import dev.stateset.console.stateset.JobSnapshot;
import dev.stateset.console.stateset.SnapshotFormat;
import dev.stateset.console.stateset.SnapshotStatus;
import dev.stateset.console.stateset.SnapshotTrigger;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

@Entity
@Table(name = "job_snapshot")
public class SnapshotEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "job_id", nullable = false)
    private Long jobId;

    @Column(name = "engine_job_id", length = 64)
    private String engineJobId;

    /** The Flink run this snapshot was requested of; engineJobId is the run it was triggered on (null until then). */
    @Column(name = "requested_run", length = 64)
    private String requestedRun;

    @Enumerated(EnumType.STRING)
    @Column(name = "trigger_kind", nullable = false, length = 16)
    private SnapshotTrigger trigger;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private SnapshotFormat format;

    @Column(nullable = false, length = 500)
    private String description = "";

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private SnapshotStatus status;

    @Column(name = "trigger_id", length = 64, unique = true)
    private String triggerId;

    @Column(length = 1000)
    private String location;

    @Column(name = "size_bytes")
    private Long sizeBytes;

    @Column(name = "failure_cause", length = 4000)
    private String failureCause;

    @Column(name = "created_by", nullable = false, length = 64)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    @Column(name = "duration_ms")
    private Long durationMs;

    @Column(name = "deleted_by", length = 64)
    private String deletedBy;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    @Column(name = "delete_reason", length = 200)
    private String deleteReason;

    @Column(name = "due_at")
    private Instant dueAt;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "attempt_started_at")
    private Instant attemptStartedAt;

    @Column(name = "stop_drain", nullable = false)
    private boolean stopDrain;

    /**
     * The replica that carries the new row, written with the INSERT only: later lease changes are the worker's own
     * guarded SQL, so an entity save never writes a stale lease back.
     */
    @Column(name = "worker_id", length = 64, updatable = false)
    private String workerId;

    @Column(name = "lease_until", updatable = false)
    private Instant leaseUntil;

    @Version
    private long version;

    protected SnapshotEntity() {}

    public SnapshotEntity(
            Long jobId,
            SnapshotTrigger trigger,
            SnapshotFormat format,
            String description,
            SnapshotStatus status,
            String createdBy,
            Instant createdAt) {
        this.jobId = jobId;
        this.trigger = trigger;
        this.format = format;
        this.description = description;
        this.status = status;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.attemptStartedAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public Long getJobId() {
        return jobId;
    }

    public String getEngineJobId() {
        return engineJobId;
    }

    public void setEngineJobId(String engineJobId) {
        this.engineJobId = engineJobId;
    }

    public SnapshotTrigger getTrigger() {
        return trigger;
    }

    public SnapshotFormat getFormat() {
        return format;
    }

    public String getDescription() {
        return description;
    }

    public SnapshotStatus getStatus() {
        return status;
    }

    public void setStatus(SnapshotStatus status) {
        this.status = status;
    }

    public String getTriggerId() {
        return triggerId;
    }

    public void setTriggerId(String triggerId) {
        this.triggerId = triggerId;
    }

    public String getLocation() {
        return location;
    }

    public void setLocation(String location) {
        this.location = location;
    }

    public Long getSizeBytes() {
        return sizeBytes;
    }

    public void setSizeBytes(Long sizeBytes) {
        this.sizeBytes = sizeBytes;
    }

    public String getFailureCause() {
        return failureCause;
    }

    public void setFailureCause(String failureCause) {
        this.failureCause = failureCause;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getCompletedAt() {
        return completedAt;
    }

    public void setCompletedAt(Instant completedAt) {
        this.completedAt = completedAt;
    }

    public Long getDurationMs() {
        return durationMs;
    }

    public void setDurationMs(Long durationMs) {
        this.durationMs = durationMs;
    }

    public String getDeletedBy() {
        return deletedBy;
    }

    public void setDeletedBy(String deletedBy) {
        this.deletedBy = deletedBy;
    }

    public Instant getDeletedAt() {
        return deletedAt;
    }

    public void setDeletedAt(Instant deletedAt) {
        this.deletedAt = deletedAt;
    }

    public String getDeleteReason() {
        return deleteReason;
    }

    public Instant getDueAt() {
        return dueAt;
    }

    public void setDueAt(Instant dueAt) {
        this.dueAt = dueAt;
    }

    public int getAttempts() {
        return attempts;
    }

    public void setAttempts(int attempts) {
        this.attempts = attempts;
    }

    public Instant getAttemptStartedAt() {
        return attemptStartedAt;
    }

    public boolean isStopDrain() {
        return stopDrain;
    }

    public void setStopDrain(boolean stopDrain) {
        this.stopDrain = stopDrain;
    }

    public void setAttemptStartedAt(Instant attemptStartedAt) {
        this.attemptStartedAt = attemptStartedAt;
    }

    public void setDeleteReason(String deleteReason) {
        this.deleteReason = deleteReason;
    }
    /** The snapshot as the console's pages and API show it. */
    public JobSnapshot toRecord() {
        return new JobSnapshot(
                id,
                jobId,
                trigger,
                format,
                description,
                status,
                location,
                sizeBytes,
                failureCause,
                createdBy,
                createdAt,
                completedAt,
                durationMs == null ? null : java.time.Duration.ofMillis(durationMs),
                deletedBy,
                deletedAt,
                deleteReason,
                dueAt,
                attempts);
    }

    void leaseTo(String workerId, Instant until) {
        this.workerId = workerId;
        this.leaseUntil = until;
    }

    public String getRequestedRun() {
        return requestedRun;
    }

    public void setRequestedRun(String requestedRun) {
        this.requestedRun = requestedRun;
    }
}

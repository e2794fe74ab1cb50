package dev.stateset.console.job.internal;

import dev.stateset.console.job.JobStatus;
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
@Table(name = "flink_job")
public class JobEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "workspace_id", nullable = false)
    private Long workspaceId;

    @Column(nullable = false, length = 64)
    private String name;

    @Column(nullable = false, length = 500)
    private String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private JobStatus status = JobStatus.STOPPED;

    @Column(name = "engine_job_id", length = 64)
    private String engineJobId;

    @Column(length = 500)
    private String artifact;

    @Column(name = "entry_class", length = 300)
    private String entryClass;

    @Column(name = "program_args", nullable = false, length = 2000)
    private String programArgs = "";

    @Column(nullable = false)
    private int parallelism = 1;

    @Column(name = "checkpoint_interval_ms", nullable = false)
    private long checkpointIntervalMs;

    @Column(name = "checkpoint_timeout_ms", nullable = false)
    private long checkpointTimeoutMs;

    @Column(name = "checkpoint_min_pause_ms", nullable = false)
    private long checkpointMinPauseMs;

    @Column(name = "checkpoints_retained", nullable = false)
    private int checkpointsRetained;

    @Column(name = "state_backend_incremental", nullable = false)
    private boolean stateBackendIncremental;

    @Column(name = "state_ttl_ms", nullable = false)
    private long stateTtlMs;

    @Column(name = "local_temp_dir", length = 500)
    private String localTempDir;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "last_failure", length = 4000)
    private String lastFailure;

    @Column(name = "restored_from_snapshot_id")
    private Long restoredFromSnapshotId;

    /** Whether Flink restored what the current run was started from; null while unknown or nothing to restore. */
    @Column(name = "restore_verified")
    private Boolean restoreVerified;

    @Column(name = "restore_verdict", length = 1000)
    private String restoreVerdict;

    @Enumerated(EnumType.STRING)
    @Column(name = "state_backend", nullable = false, length = 16)
    private dev.stateset.console.job.StateBackend stateBackend = dev.stateset.console.job.StateBackend.HASHMAP;

    /** Other Flink options, one {@code key=value} per line; null for none. */
    @Column(name = "flink_options", length = 8000)
    private String flinkOptions;

    /** The job's own (application-mode) cluster, or null when it runs on its workspace's cluster. */
    @Column(name = "engine_rest_url", length = 500)
    private String engineRestUrl;

    /** When the console adopted the job from its cluster; null when the console created it. */
    @Column(name = "adopted_at")
    private Instant adoptedAt;

    @Version
    private long version;

    protected JobEntity() {}

    public JobEntity(Long workspaceId, String name, Instant createdAt) {
        this.workspaceId = workspaceId;
        this.name = name;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public Long getWorkspaceId() {
        return workspaceId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public JobStatus getStatus() {
        return status;
    }

    public void setStatus(JobStatus status) {
        this.status = status;
    }

    public String getEngineJobId() {
        return engineJobId;
    }

    public void setEngineJobId(String engineJobId) {
        this.engineJobId = engineJobId;
    }

    public String getArtifact() {
        return artifact;
    }

    public void setArtifact(String artifact) {
        this.artifact = artifact;
    }

    public String getEntryClass() {
        return entryClass;
    }

    public void setEntryClass(String entryClass) {
        this.entryClass = entryClass;
    }

    public String getProgramArgs() {
        return programArgs;
    }

    public void setProgramArgs(String programArgs) {
        this.programArgs = programArgs;
    }

    public int getParallelism() {
        return parallelism;
    }

    public void setParallelism(int parallelism) {
        this.parallelism = parallelism;
    }

    public long getCheckpointIntervalMs() {
        return checkpointIntervalMs;
    }

    public void setCheckpointIntervalMs(long v) {
        this.checkpointIntervalMs = v;
    }

    public long getCheckpointTimeoutMs() {
        return checkpointTimeoutMs;
    }

    public void setCheckpointTimeoutMs(long v) {
        this.checkpointTimeoutMs = v;
    }

    public long getCheckpointMinPauseMs() {
        return checkpointMinPauseMs;
    }

    public void setCheckpointMinPauseMs(long v) {
        this.checkpointMinPauseMs = v;
    }

    public int getCheckpointsRetained() {
        return checkpointsRetained;
    }

    public void setCheckpointsRetained(int v) {
        this.checkpointsRetained = v;
    }

    public boolean isStateBackendIncremental() {
        return stateBackendIncremental;
    }

    public void setStateBackendIncremental(boolean v) {
        this.stateBackendIncremental = v;
    }

    public long getStateTtlMs() {
        return stateTtlMs;
    }

    public void setStateTtlMs(long v) {
        this.stateTtlMs = v;
    }

    public String getLocalTempDir() {
        return localTempDir;
    }

    public void setLocalTempDir(String v) {
        this.localTempDir = v;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Long getRestoredFromSnapshotId() {
        return restoredFromSnapshotId;
    }

    public Boolean getRestoreVerified() {
        return restoreVerified;
    }

    public String getRestoreVerdict() {
        return restoreVerdict;
    }

    public String getLastFailure() {
        return lastFailure;
    }

    public void setLastFailure(String lastFailure) {
        this.lastFailure = lastFailure;
    }

    public void setRestoredFromSnapshotId(Long id) {
        this.restoredFromSnapshotId = id;
    }

    public void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }

    public String getEngineRestUrl() {
        return engineRestUrl;
    }

    public void setEngineRestUrl(String engineRestUrl) {
        this.engineRestUrl = engineRestUrl;
    }

    public Instant getAdoptedAt() {
        return adoptedAt;
    }

    public void setAdoptedAt(Instant adoptedAt) {
        this.adoptedAt = adoptedAt;
    }

    public dev.stateset.console.job.StateBackend getStateBackend() {
        return stateBackend;
    }

    public void setStateBackend(dev.stateset.console.job.StateBackend stateBackend) {
        this.stateBackend = stateBackend;
    }

    public String getFlinkOptions() {
        return flinkOptions;
    }

    public void setFlinkOptions(String flinkOptions) {
        this.flinkOptions = flinkOptions;
    }
}

package dev.stateset.console.job.internal;

import dev.stateset.console.job.StartStrategy;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "job_run")
public class JobRunEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "job_id", nullable = false)
    private Long jobId;

    @Column(name = "engine_job_id", nullable = false, length = 64)
    private String engineJobId;

    @Enumerated(EnumType.STRING)
    /** How the console started the run; null for a run it adopted (started elsewhere). */
    @Column(length = 16)
    private StartStrategy strategy;

    @Column(name = "restore_snapshot_id")
    private Long restoreSnapshotId;

    @Column(name = "restore_path", length = 1000)
    private String restorePath;

    @Column(name = "restore_verified")
    private Boolean restoreVerified;

    @Column(name = "restore_verdict", length = 1000)
    private String restoreVerdict;

    @Column(name = "allow_non_restored_state", nullable = false)
    private boolean allowNonRestoredState;

    @Column(name = "claim_mode", length = 16)
    private String claimMode;

    @Column(name = "started_by", nullable = false, length = 64)
    private String startedBy;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    protected JobRunEntity() {}

    public JobRunEntity(
            Long jobId,
            String engineJobId,
            StartStrategy strategy,
            Long restoreSnapshotId,
            String restorePath,
            boolean allowNonRestoredState,
            String claimMode,
            String startedBy,
            Instant startedAt) {
        this.jobId = jobId;
        this.engineJobId = engineJobId;
        this.strategy = strategy;
        this.restoreSnapshotId = restoreSnapshotId;
        this.restorePath = restorePath;
        this.allowNonRestoredState = allowNonRestoredState;
        this.claimMode = claimMode;
        this.startedBy = startedBy;
        this.startedAt = startedAt;
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

    public StartStrategy getStrategy() {
        return strategy;
    }

    public Long getRestoreSnapshotId() {
        return restoreSnapshotId;
    }

    public String getRestorePath() {
        return restorePath;
    }

    public Boolean getRestoreVerified() {
        return restoreVerified;
    }

    public String getRestoreVerdict() {
        return restoreVerdict;
    }

    public boolean isAllowNonRestoredState() {
        return allowNonRestoredState;
    }

    public String getClaimMode() {
        return claimMode;
    }

    public String getStartedBy() {
        return startedBy;
    }

    public Instant getStartedAt() {
        return startedAt;
    }
}

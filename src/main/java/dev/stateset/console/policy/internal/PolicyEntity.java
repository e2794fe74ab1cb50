package dev.stateset.console.policy.internal;

import dev.stateset.console.policy.RetentionUnit;
import dev.stateset.console.stateset.SnapshotFormat;
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
@Table(name = "snapshot_policy")
public class PolicyEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "job_id", nullable = false, unique = true)
    private Long jobId;

    @Column(name = "creation_enabled", nullable = false)
    private boolean creationEnabled;

    @Column(name = "cron_expression", length = 200)
    private String cronExpression;

    @Enumerated(EnumType.STRING)
    @Column(name = "snapshot_format", nullable = false, length = 16)
    private SnapshotFormat format = SnapshotFormat.CANONICAL;

    @Column(name = "spread_minutes", nullable = false)
    private int spreadMinutes;

    @Column(name = "blackout_windows", nullable = false, length = 1000)
    private String blackoutWindows = "";

    @Column(name = "cleanup_enabled", nullable = false)
    private boolean cleanupEnabled;

    @Column(name = "keep_count", nullable = false)
    private int keepCount = 10;

    @Column(name = "max_retention_value")
    private Integer maxRetentionValue;

    @Enumerated(EnumType.STRING)
    @Column(name = "max_retention_unit", length = 8)
    private RetentionUnit maxRetentionUnit;

    @Column(name = "next_due_at")
    private Instant nextDueAt;

    @Column(name = "last_due_at")
    private Instant lastDueAt;

    @Column(name = "updated_by", length = 64)
    private String updatedBy;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected PolicyEntity() {}

    public PolicyEntity(Long jobId, Instant now) {
        this.jobId = jobId;
        this.updatedAt = now;
    }

    public Long getId() {
        return id;
    }

    public Long getJobId() {
        return jobId;
    }

    public boolean isCreationEnabled() {
        return creationEnabled;
    }

    public void setCreationEnabled(boolean v) {
        this.creationEnabled = v;
    }

    public String getCronExpression() {
        return cronExpression;
    }

    public void setCronExpression(String v) {
        this.cronExpression = v;
    }

    public SnapshotFormat getFormat() {
        return format;
    }

    public void setFormat(SnapshotFormat v) {
        this.format = v;
    }

    public String getBlackoutWindows() {
        return blackoutWindows;
    }

    public void setBlackoutWindows(String blackoutWindows) {
        this.blackoutWindows = blackoutWindows;
    }

    public int getSpreadMinutes() {
        return spreadMinutes;
    }

    public void setSpreadMinutes(int v) {
        this.spreadMinutes = v;
    }

    public boolean isCleanupEnabled() {
        return cleanupEnabled;
    }

    public void setCleanupEnabled(boolean v) {
        this.cleanupEnabled = v;
    }

    public int getKeepCount() {
        return keepCount;
    }

    public void setKeepCount(int v) {
        this.keepCount = v;
    }

    public Integer getMaxRetentionValue() {
        return maxRetentionValue;
    }

    public void setMaxRetentionValue(Integer v) {
        this.maxRetentionValue = v;
    }

    public RetentionUnit getMaxRetentionUnit() {
        return maxRetentionUnit;
    }

    public void setMaxRetentionUnit(RetentionUnit v) {
        this.maxRetentionUnit = v;
    }

    public Instant getNextDueAt() {
        return nextDueAt;
    }

    public void setNextDueAt(Instant v) {
        this.nextDueAt = v;
    }

    public Instant getLastDueAt() {
        return lastDueAt;
    }

    public String getUpdatedBy() {
        return updatedBy;
    }

    public void setUpdatedBy(String v) {
        this.updatedBy = v;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(Instant v) {
        this.updatedAt = v;
    }
}

package dev.stateset.console.policy.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One claimed due time of a schedule and its outcome (TRIGGERED, SKIPPED, MISSED). */
@Entity
@Table(name = "schedule_event")
public class ScheduleEventEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "policy_id", nullable = false)
    private Long policyId;

    @Column(name = "job_id", nullable = false)
    private Long jobId;

    @Column(name = "due_at", nullable = false)
    private Instant dueAt;

    @Column(nullable = false, length = 16)
    private String outcome;

    @Column(nullable = false, length = 1000)
    private String detail;

    @Column(name = "snapshot_id")
    private Long snapshotId;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    protected ScheduleEventEntity() {}

    public ScheduleEventEntity(
            Long policyId,
            Long jobId,
            Instant dueAt,
            String outcome,
            String detail,
            Long snapshotId,
            Instant recordedAt) {
        this.policyId = policyId;
        this.jobId = jobId;
        this.dueAt = dueAt;
        this.outcome = outcome;
        this.detail = detail.length() > 1000 ? detail.substring(0, 999) + "…" : detail;
        this.snapshotId = snapshotId;
        this.recordedAt = recordedAt;
    }

    public Long getId() {
        return id;
    }

    public Long getPolicyId() {
        return policyId;
    }

    public Long getJobId() {
        return jobId;
    }

    public Instant getDueAt() {
        return dueAt;
    }

    public String getOutcome() {
        return outcome;
    }

    public String getDetail() {
        return detail;
    }

    public Long getSnapshotId() {
        return snapshotId;
    }

    public Instant getRecordedAt() {
        return recordedAt;
    }
}

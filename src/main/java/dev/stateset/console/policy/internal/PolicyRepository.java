package dev.stateset.console.policy.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface PolicyRepository extends JpaRepository<PolicyEntity, Long> {

    /**
     * Written out rather than derived from the name: Spring Data builds a derived query through the Criteria API on
     * every call, which Hibernate cannot cache; the cleanup calls this once per completed scheduled snapshot.
     */
    @Query("select p from PolicyEntity p where p.jobId = :jobId")
    Optional<PolicyEntity> findByJobId(Long jobId);

    List<PolicyEntity> findByCleanupEnabledTrue();

    @Query("select p from PolicyEntity p where p.cleanupEnabled = true and p.jobId in :jobIds")
    List<PolicyEntity> findCleanupEnabledAmong(java.util.Collection<Long> jobIds);

    /**
     * Claims up to {@code batch} due policies for one scheduler tick in one statement: marks them with the tick's
     * token until {@code until}. On PostgreSQL, where several replicas claim at once: the sub-select locks the rows it
     * picks and skips rows another replica's claim has locked ({@code for update skip locked}), so two claims take
     * different rows instead of waiting on each other (PostgreSQL found deadlocks between two such UPDATEs locking
     * overlapping rows in different orders). The conditions are repeated outside the sub-select as well, so a row
     * changed meanwhile is never claimed.
     */
    @Modifying
    @Query(value = "update snapshot_policy set claim_token = :token, claimed_until = :until "
            + "where creation_enabled = true and next_due_at <= :now and (claimed_until is null or claimed_until < :now) "
            + "and id in (select id from snapshot_policy where creation_enabled = true and next_due_at <= :now "
            + "and (claimed_until is null or claimed_until < :now) order by next_due_at limit :batch for update skip locked)",
            nativeQuery = true)
    int claimDueSkippingLocked(String token, Instant now, Instant until, int batch);

    /**
     * The same claim without row locks in the sub-select, for H2: one console process per H2 database (production
     * requires PostgreSQL), and H2 evaluates a locking sub-select so slowly that 10,000 due policies took 66 s to claim
     * instead of 0.16 s (measured with the scheduler benchmark's data).
     */
    @Modifying
    @Query(value = "update snapshot_policy set claim_token = :token, claimed_until = :until "
            + "where creation_enabled = true and next_due_at <= :now and (claimed_until is null or claimed_until < :now) "
            + "and id in (select id from snapshot_policy where creation_enabled = true and next_due_at <= :now "
            + "and (claimed_until is null or claimed_until < :now) order by next_due_at limit :batch)",
            nativeQuery = true)
    int claimDue(String token, Instant now, Instant until, int batch);

    /** The policies a tick claimed (the claim columns are not mapped: JPA saves never write them back stale). */
    @Query(value = "select * from snapshot_policy where claim_token = :token order by next_due_at", nativeQuery = true)
    List<PolicyEntity> claimedBy(String token);
}

package dev.stateset.console.policy.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface PolicyRepository extends JpaRepository<PolicyEntity, Long> {

    /** Job id and next due time of the jobs given whose scheduled creation is on. */
    @Query("select p.jobId, p.nextDueAt from PolicyEntity p where p.creationEnabled = true and p.jobId in :jobIds")
    List<Object[]> nextDueAmong(java.util.Collection<Long> jobIds);

    /**
     * Written out rather than derived from the name: Spring Data builds a derived query through the Criteria API on
     * every call, which Hibernate cannot cache; the cleanup calls this once per completed scheduled snapshot.
     */
    @Query("select p from PolicyEntity p where p.jobId = :jobId")
    Optional<PolicyEntity> findByJobId(Long jobId);

    List<PolicyEntity> findByCleanupEnabledTrue();

    @Query("select p from PolicyEntity p where p.cleanupEnabled = true and p.jobId in :jobIds")
    List<PolicyEntity> findCleanupEnabledAmong(java.util.Collection<Long> jobIds);

    /** The policies a tick claimed (the claim columns are not mapped: JPA saves never write them back stale). */
    @Query(value = "select * from snapshot_policy where claim_token = :token order by next_due_at", nativeQuery = true)
    List<PolicyEntity> claimedBy(String token);
}

package dev.stateset.console.policy.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface PolicyRepository extends JpaRepository<PolicyEntity, Long> {

    Optional<PolicyEntity> findByJobId(Long jobId);

    @Query("select p from PolicyEntity p where p.creationEnabled = true and p.nextDueAt <= :now order by p.nextDueAt")
    List<PolicyEntity> findDue(Instant now, Pageable page);

    List<PolicyEntity> findByCleanupEnabledTrue();

    /**
     * Claims one due time: only the instance whose update still sees {@code dueAt} wins; a replica that read the
     * same row a moment later updates nothing. Returns the number of rows changed (1 = claimed).
     */
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query(value = "update snapshot_policy set next_due_at = :next, last_due_at = :dueAt, version = version + 1 "
            + "where id = :id and next_due_at = :dueAt and creation_enabled = true", nativeQuery = true)
    int claim(Long id, Instant dueAt, Instant next);
}

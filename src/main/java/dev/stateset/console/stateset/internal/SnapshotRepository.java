package dev.stateset.console.stateset.internal;

import dev.stateset.console.stateset.SnapshotStatus;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface SnapshotRepository extends JpaRepository<SnapshotEntity, Long> {

    /** Job id and the end of its newest finished (completed or failed) snapshot, for the jobs given. */
    @Query("select s.jobId, max(s.completedAt) from SnapshotEntity s where s.jobId in :jobIds and s.status in "
            + "(dev.stateset.console.stateset.SnapshotStatus.COMPLETED, dev.stateset.console.stateset.SnapshotStatus.FAILED) "
            + "group by s.jobId")
    List<Object[]> lastFinishedTimes(Collection<Long> jobIds);

    /** Job id, status and end of the finished snapshots of these jobs that ended at one of these times. */
    @Query(
            "select s.jobId, s.status, s.completedAt from SnapshotEntity s where s.jobId in :jobIds and s.completedAt in "
                    + ":times and s.status in (dev.stateset.console.stateset.SnapshotStatus.COMPLETED, "
                    + "dev.stateset.console.stateset.SnapshotStatus.FAILED)")
    List<Object[]> finishedAt(Collection<Long> jobIds, Collection<java.time.Instant> times);

    /** Job id, count and bytes of the snapshots each job given keeps in storage. */
    @Query(
            value =
                    "select job_id, count(*), coalesce(sum(size_bytes), 0) from job_snapshot "
                            + "where status in ('COMPLETED', 'DELETING', 'DELETE_FAILED') and job_id in (:jobIds) group by job_id",
            nativeQuery = true)
    List<Object[]> storageOfJobs(Collection<Long> jobIds);

    @Query(
            "select s from SnapshotEntity s where s.jobId = :jobId and s.status = :status order by s.completedAt desc, s.id desc limit 1")
    Optional<SnapshotEntity> findFirstByJobIdAndStatusOrderByCompletedAtDescIdDesc(Long jobId, SnapshotStatus status);

    @Query(
            "select s from SnapshotEntity s where s.jobId = :jobId and s.status = :status order by s.createdAt desc, s.id desc limit 1")
    Optional<SnapshotEntity> findFirstByJobIdAndStatusOrderByCreatedAtDescIdDesc(Long jobId, SnapshotStatus status);

    Optional<SnapshotEntity> findByIdAndJobId(Long id, Long jobId);

    /** Count and bytes of the job's snapshots whose files are kept. */
    @Query(
            value = "select count(*), coalesce(sum(size_bytes), 0) from job_snapshot where job_id = :jobId "
                    + "and status in ('COMPLETED', 'DELETING', 'DELETE_FAILED')",
            nativeQuery = true)
    List<Object[]> storageOfJob(Long jobId);

    /** Job id, count and bytes of kept snapshots, for every job that has any. */
    @Query(
            value = "select job_id, count(*), coalesce(sum(size_bytes), 0) from job_snapshot "
                    + "where status in ('COMPLETED', 'DELETING', 'DELETE_FAILED') group by job_id",
            nativeQuery = true)
    List<Object[]> storageByJob();

    long countByJobIdAndTriggerAndStatusAndCompletedAtAfter(
            Long jobId,
            dev.stateset.console.stateset.SnapshotTrigger trigger,
            SnapshotStatus status,
            java.time.Instant since);

    @Query("select count(s) > 0 from SnapshotEntity s where s.jobId = :jobId and s.status = :status")
    boolean existsByJobIdAndStatus(Long jobId, SnapshotStatus status);

    boolean existsByJobIdAndCreatedAtGreaterThanEqual(Long jobId, java.time.Instant since);

    boolean existsByJobIdAndLocationAndStatusIn(
            Long jobId, String location, java.util.Collection<SnapshotStatus> statuses);

    List<SnapshotEntity> findByJobIdAndStatusInOrderByCreatedAtDesc(Long jobId, Collection<SnapshotStatus> statuses);

    // The jobs of a workspace come from the job feature (JobService.jobIds): this feature reads only its own table.
    @Query("select s.location from SnapshotEntity s where s.jobId in :jobIds "
            + "and s.status <> dev.stateset.console.stateset.SnapshotStatus.DELETED and s.location is not null")
    List<String> liveLocationsOf(Collection<Long> jobIds);

    @Query(
            "select s from SnapshotEntity s where s.jobId in :jobIds and s.status = dev.stateset.console.stateset.SnapshotStatus.COMPLETED "
                    + "order by s.completedAt desc, s.id desc")
    List<SnapshotEntity> findCompletedOf(Collection<Long> jobIds);

    @Query(
            "select s from SnapshotEntity s where s.jobId in :jobIds and s.status = dev.stateset.console.stateset.SnapshotStatus.IN_PROGRESS")
    List<SnapshotEntity> findInProgressOf(Collection<Long> jobIds);

    /** Claims a snapshot for deletion: only one caller sees 1 (COMPLETED or DELETE_FAILED → DELETING). */
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query(
            value = "update job_snapshot set status = 'DELETING', delete_reason = :reason, attempt_started_at = :now, "
                    + "version = version + 1 where id = :id and status in ('COMPLETED', 'DELETE_FAILED')",
            nativeQuery = true)
    int claimForDeletion(Long id, String reason, java.time.Instant now);

    /** A delete interrupted by a crash leaves DELETING behind: hand such rows back to the retry path. */
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query(
            value =
                    "update job_snapshot set status = 'DELETE_FAILED', failure_cause = 'Delete interrupted (console stopped?); retrying', "
                            + "version = version + 1 where status = 'DELETING' and attempt_started_at < :cutoff",
            nativeQuery = true)
    int releaseStaleDeletions(java.time.Instant cutoff);

    /**
     * Takes over an IN_PROGRESS snapshot whose lease has lapsed (or that this worker holds): 1 if this worker carries it
     * now, 0 while another replica's lease runs. Not a JPA update: the entity never writes the lease columns after the
     * INSERT, so an entity save never writes them back stale.
     */
    @Modifying
    @Query(
            value =
                    "update job_snapshot set worker_id = :worker, lease_until = :until where id = :id and status = 'IN_PROGRESS' "
                            + "and (worker_id is null or worker_id = :worker or lease_until is null or lease_until < :now)",
            nativeQuery = true)
    int lease(Long id, String worker, java.time.Instant now, java.time.Instant until);

    /**
     * IN_PROGRESS snapshots nobody holds a running lease on: their replica stopped or died. Rows are inserted leased to
     * their creator; a row without any lease (from before leases existed) counts once it is older than
     * {@code unclaimedBefore}.
     */
    @Query(
            value = "select id from job_snapshot where status = 'IN_PROGRESS' and (lease_until < :now "
                    + "or (lease_until is null and created_at < :unclaimedBefore)) order by id",
            nativeQuery = true)
    List<Long> unleasedInProgress(java.time.Instant now, java.time.Instant unclaimedBefore);

    /** A stopping replica hands its snapshots over at once (a lease that ended just now) instead of letting them run out. */
    @Modifying
    @Query(
            value =
                    "update job_snapshot set lease_until = :endedAt where worker_id = :worker and status = 'IN_PROGRESS'",
            nativeQuery = true)
    int releaseLeases(String worker, java.time.Instant endedAt);
}

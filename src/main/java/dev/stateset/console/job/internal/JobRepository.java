package dev.stateset.console.job.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface JobRepository extends JpaRepository<JobEntity, Long> {

    // Written out, not derived from the method name: see DD009.
    @Query("select j from JobEntity j where j.id = :id and j.workspaceId = :workspaceId")
    Optional<JobEntity> findByIdAndWorkspaceId(Long id, Long workspaceId);

    boolean existsByWorkspaceIdAndNameIgnoreCase(Long workspaceId, String name);

    boolean existsByWorkspaceIdAndNameIgnoreCaseAndIdNot(Long workspaceId, String name, Long id);

    /** What the status sync compares with Flink, as plain values: no entities to load and dirty-check every 2 s. */
    /**
     * @param restorePath     what the current run was started from; null when it started empty or was adopted
     * @param restoreVerified whether Flink restored it; null until checked
     */
    record RunRow(
            Long id,
            String name,
            String engineJobId,
            dev.stateset.console.job.JobStatus status,
            String engineRestUrl,
            String restorePath,
            Boolean restoreVerified) {}

    @Query("select new dev.stateset.console.job.internal.JobRepository$RunRow(j.id, j.name, j.engineJobId, j.status, "
            + "j.engineRestUrl, r.restorePath, j.restoreVerified) "
            + "from JobEntity j left join JobRunEntity r on r.engineJobId = j.engineJobId and r.jobId = j.id "
            + "where j.workspaceId = :workspaceId and j.engineJobId is not null")
    List<RunRow> runRows(Long workspaceId);

    /**
     * Status of a run as Flink reports it. A targeted update (no version bump, guarded by the run's engine job id) so
     * the background sync never collides with a user's edit or a start, and a late report never touches a newer run.
     */
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query(
            "update JobEntity j set j.status = :status, j.updatedAt = :now where j.id = :id and j.engineJobId = :engineJobId")
    int updateRunStatus(Long id, String engineJobId, dev.stateset.console.job.JobStatus status, java.time.Instant now);

    /** What Flink restored for the run, checked against what it was started from (guarded like the status). */
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("update JobEntity j set j.restoreVerified = :verified, j.restoreVerdict = :verdict "
            + "where j.id = :id and j.engineJobId = :engineJobId")
    int recordRestoreVerdict(Long id, String engineJobId, boolean verified, String verdict);

    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("update JobEntity j set j.lastFailure = :failure where j.id = :id and j.engineJobId = :engineJobId")
    int recordRunFailure(Long id, String engineJobId, String failure);

    /** A new run: its engine job id, STARTING, and what it was restored from. */
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query(
            "update JobEntity j set j.engineJobId = :engineJobId, j.status = dev.stateset.console.job.JobStatus.STARTING, "
                    + "j.restoredFromSnapshotId = :restoredFrom, j.lastFailure = null, j.restoreVerified = null, "
                    + "j.restoreVerdict = null, j.updatedAt = :now where j.id = :id")
    int recordStart(Long id, String engineJobId, Long restoredFrom, java.time.Instant now);

    List<JobEntity> findByWorkspaceId(Long workspaceId);

    @Query("select j from JobEntity j where j.engineJobId is not null and j.status in :statuses")
    List<JobEntity> findWithRunIn(java.util.Collection<dev.stateset.console.job.JobStatus> statuses);

    @Query("select distinct j.workspaceId from JobEntity j where j.engineJobId is not null")
    List<Long> workspacesWithEngineRuns();

    /**
     * Id, name and status of the workspace's jobs by name, for the job list: the three columns it shows, not whole
     * entities (the job row is wide, and the list is the API's most read endpoint).
     */
    @Query("select j.id, j.name, j.status from JobEntity j where j.workspaceId = :workspaceId order by lower(j.name)")
    List<Object[]> listByName(Long workspaceId);

    @Query(
            "select j.workspaceId, count(j) from JobEntity j where j.workspaceId in :workspaceIds group by j.workspaceId")
    List<Object[]> countByWorkspace(java.util.Collection<Long> workspaceIds);

    /** Job id and workspace id of every job in these workspaces. */
    @Query("select j.id, j.workspaceId from JobEntity j where j.workspaceId in :workspaceIds")
    List<Object[]> idsByWorkspace(java.util.Collection<Long> workspaceIds);

    @Query("select j.id from JobEntity j where j.workspaceId = :workspaceId")
    List<Long> idsInWorkspace(Long workspaceId);

    @Query("select distinct j.engineRestUrl from JobEntity j where j.workspaceId = :workspaceId "
            + "and j.engineRestUrl is not null and j.engineJobId is not null")
    List<String> applicationClusters(Long workspaceId);

    /** The workspace's job that the cluster job is (or last was) a run of, if the console manages it. */
    @Query(
            "select j.engineJobId, j.id from JobEntity j where j.workspaceId = :workspaceId and j.engineJobId is not null")
    List<Object[]> managedEngineJobs(Long workspaceId);
}

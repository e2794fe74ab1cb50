package dev.stateset.console.job.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface JobRepository extends JpaRepository<JobEntity, Long> {

    Optional<JobEntity> findByIdAndWorkspaceId(Long id, Long workspaceId);

    boolean existsByWorkspaceIdAndNameIgnoreCase(Long workspaceId, String name);

    boolean existsByWorkspaceIdAndNameIgnoreCaseAndIdNot(Long workspaceId, String name, Long id);

    List<JobEntity> findByWorkspaceIdAndEngineJobIdIsNotNull(Long workspaceId);

    List<JobEntity> findByWorkspaceId(Long workspaceId);

    @Query("select distinct j.workspaceId from JobEntity j where j.engineJobId is not null")
    List<Long> workspacesWithEngineRuns();

    /**
     * The job list in one query: id, name, status, newest completed snapshot time, schedule on/off. Snapshot
     * and policy rows are read here as a read model; their features own the writes.
     */
    @Query(value = """
            select j.id, j.name, j.status,
                   (select max(s.completed_at) from job_snapshot s where s.job_id = j.id and s.status = 'COMPLETED'),
                   coalesce((select p.creation_enabled from snapshot_policy p where p.job_id = j.id), false)
            from flink_job j
            where j.workspace_id = :workspaceId
            order by lower(j.name)
            """, nativeQuery = true)
    List<Object[]> listRows(Long workspaceId);
}

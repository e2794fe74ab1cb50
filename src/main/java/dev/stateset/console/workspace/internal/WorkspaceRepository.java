package dev.stateset.console.workspace.internal;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface WorkspaceRepository extends JpaRepository<WorkspaceEntity, Long> {

    boolean existsByNameIgnoreCase(String name);

    boolean existsByNameIgnoreCaseAndIdNot(String name, Long id);

    List<WorkspaceEntity> findAllByOrderByNameAsc();

    List<WorkspaceEntity> findByIdInOrderByNameAsc(Collection<Long> ids);

    /** Job counts per workspace in one query (workspace id, count); the jobs table is read, not mapped here. */
    @Query(value = "select workspace_id, count(*) from flink_job where workspace_id in (:ids) group by workspace_id", nativeQuery = true)
    List<Object[]> countJobs(Collection<Long> ids);
}

package dev.stateset.console.workspace.internal;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface WorkspaceRepository extends JpaRepository<WorkspaceEntity, Long> {

    boolean existsByNameIgnoreCase(String name);

    boolean existsByNameIgnoreCaseAndIdNot(String name, Long id);

    List<WorkspaceEntity> findAllByOrderByNameAsc();

    List<WorkspaceEntity> findByIdInOrderByNameAsc(Collection<Long> ids);
}

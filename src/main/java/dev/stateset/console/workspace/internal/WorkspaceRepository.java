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

    /**
     * The workspace's fields a page or an API call shows, and the user's membership role (null when not a member), in
     * one read: the access check of nearly every request (columns, not entities; see DD009).
     */
    @Query("select w.id, w.name, w.description, w.timeZone, w.engineKind, w.engineRestUrl, w.webhookUrl, m.role "
            + "from WorkspaceEntity w left join MemberEntity m on m.workspaceId = w.id and m.userId = :userId "
            + "where w.id = :workspaceId")
    List<Object[]> detailsWithRoleOf(Long workspaceId, Long userId);
}

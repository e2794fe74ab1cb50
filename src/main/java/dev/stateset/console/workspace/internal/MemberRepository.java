package dev.stateset.console.workspace.internal;

import dev.stateset.console.workspace.WorkspaceRole;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface MemberRepository extends JpaRepository<MemberEntity, Long> {

    // Written out, not derived from the method name: see DD009.
    @org.springframework.data.jpa.repository.Query(
            "select m from MemberEntity m where m.workspaceId = :workspaceId and m.userId = :userId")
    Optional<MemberEntity> findByWorkspaceIdAndUserId(Long workspaceId, Long userId);

    List<MemberEntity> findByUserId(Long userId);

    @org.springframework.data.jpa.repository.Query(
            "select count(m) > 0 from MemberEntity m where m.userId = :userId and m.role = :role")
    boolean holdsRoleAnywhere(Long userId, WorkspaceRole role);

    List<MemberEntity> findByWorkspaceId(Long workspaceId);

    long countByWorkspaceIdAndRole(Long workspaceId, WorkspaceRole role);
}

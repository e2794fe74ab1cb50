package dev.stateset.console.audit.internal;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface AuditEventRepository extends JpaRepository<AuditEventEntity, Long> {

    List<AuditEventEntity> findByWorkspaceIdOrderByOccurredAtDescIdDesc(Long workspaceId);

    List<AuditEventEntity> findTop50ByOrderByIdDesc();
}

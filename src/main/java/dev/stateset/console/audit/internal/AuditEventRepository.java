package dev.stateset.console.audit.internal;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

public interface AuditEventRepository
        extends JpaRepository<AuditEventEntity, Long>, JpaSpecificationExecutor<AuditEventEntity> {

    @Query("select distinct e.action from AuditEventEntity e order by e.action")
    List<String> distinctActions();

    @Query("select distinct e.action from AuditEventEntity e where e.workspaceId in :workspaces order by e.action")
    List<String> distinctActionsIn(Collection<Long> workspaces);
}

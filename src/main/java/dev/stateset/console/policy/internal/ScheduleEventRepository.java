package dev.stateset.console.policy.internal;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ScheduleEventRepository extends JpaRepository<ScheduleEventEntity, Long> {

    List<ScheduleEventEntity> findByJobIdOrderByDueAtDesc(Long jobId);

    long countByPolicyId(Long policyId);
}

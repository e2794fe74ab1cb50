package dev.stateset.console.job.internal;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface JobRunRepository extends JpaRepository<JobRunEntity, Long> {

    List<JobRunEntity> findByJobIdOrderByStartedAtDescIdDesc(Long jobId);
}

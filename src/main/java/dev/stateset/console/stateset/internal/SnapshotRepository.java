package dev.stateset.console.stateset.internal;

import dev.stateset.console.stateset.SnapshotStatus;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

public interface SnapshotRepository extends JpaRepository<SnapshotEntity, Long> {

    Page<SnapshotEntity> findByJobId(Long jobId, Pageable pageable);

    Page<SnapshotEntity> findByJobIdAndStatusIn(Long jobId, Collection<SnapshotStatus> statuses, Pageable pageable);

    Optional<SnapshotEntity> findFirstByJobIdAndStatusOrderByCompletedAtDescIdDesc(Long jobId, SnapshotStatus status);

    Optional<SnapshotEntity> findFirstByJobIdAndStatusOrderByCreatedAtDescIdDesc(Long jobId, SnapshotStatus status);

    Optional<SnapshotEntity> findByIdAndJobId(Long id, Long jobId);

    List<SnapshotEntity> findByStatus(SnapshotStatus status);

    boolean existsByJobIdAndStatus(Long jobId, SnapshotStatus status);
}

package dev.stateset.console.job.internal;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface JobRunRepository extends JpaRepository<JobRunEntity, Long> {

    List<JobRunEntity> findByJobIdOrderByStartedAtDescIdDesc(Long jobId);

    @org.springframework.data.jpa.repository.Modifying(clearAutomatically = true, flushAutomatically = true)
    @org.springframework.data.jpa.repository.Query(
            "update JobRunEntity r set r.restoreVerified = :verified, r.restoreVerdict = :verdict "
                    + "where r.jobId = :jobId and r.engineJobId = :engineJobId")
    int recordRestoreVerdict(Long jobId, String engineJobId, boolean verified, String verdict);

    /** When the job's newest run started; null if it never ran. */
    @org.springframework.data.jpa.repository.Query("select max(r.startedAt) from JobRunEntity r where r.jobId = :jobId")
    java.time.Instant latestStart(Long jobId);

    /** Job id and the start of its newest run, for the given jobs (jobs that never ran are absent). */
    @org.springframework.data.jpa.repository.Query(
            "select r.jobId, max(r.startedAt) from JobRunEntity r where r.jobId in :jobIds group by r.jobId")
    List<Object[]> latestStarts(java.util.Collection<Long> jobIds);
}

package dev.stateset.console.stateset;

import dev.stateset.console.audit.AuditLog;
import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.engine.JobLaunch;
import dev.stateset.console.engine.inspect.JobStateInspector;
import dev.stateset.console.engine.inspect.SnapshotContentsReader.OperatorContents;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobEngines;
import dev.stateset.console.job.JobLauncher;
import dev.stateset.console.job.JobRun;
import dev.stateset.console.job.JobService;
import dev.stateset.console.job.StartPlan;
import dev.stateset.console.job.StartStrategy;
import dev.stateset.console.security.CurrentUser;
import dev.stateset.console.stateset.internal.SnapshotEntity;
import dev.stateset.console.stateset.internal.SnapshotInserts;
import dev.stateset.console.stateset.internal.SnapshotRepository;
import dev.stateset.console.storage.SnapshotStorage;
import dev.stateset.console.storage.SnapshotStorage.StoredCheckpoint;
import dev.stateset.console.workspace.WorkspaceRole;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starting and stopping jobs. A start resolves what to restore from (nothing, the latest snapshot, the latest state, or
 * a chosen snapshot of this or another job of the same workspace) and hands the plan to the {@link JobLauncher}; a
 * stop takes a final job snapshot (trigger STOP) through the snapshot worker, or cancels at once.
 */
@Service
public class JobLifecycleService {

    private final JobService jobs;
    private final JobLauncher launcher;
    private final SnapshotRepository snapshots;
    private final SnapshotInserts inserts;
    private final SnapshotStorage storage;
    private final SnapshotContentsService contents;
    private final JobEngines engines;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final TransactionTemplate transactions;

    JobLifecycleService(
            JobService jobs,
            JobLauncher launcher,
            SnapshotRepository snapshots,
            SnapshotInserts inserts,
            SnapshotStorage storage,
            SnapshotContentsService contents,
            JobEngines engines,
            CurrentUser currentUser,
            AuditLog audit,
            TransactionTemplate transactions) {
        this.contents = contents;
        this.jobs = jobs;
        this.launcher = launcher;
        this.snapshots = snapshots;
        this.inserts = inserts;
        this.storage = storage;
        this.engines = engines;
        this.currentUser = currentUser;
        this.audit = audit;
        this.transactions = transactions;
    }

    /**
     * @param snapshotId for {@link StartStrategy#SNAPSHOT}: a COMPLETED snapshot of any job of the same workspace
     */
    public record StartRequest(
            StartStrategy strategy, Long snapshotId, boolean allowNonRestoredState, JobLaunch.ClaimMode claimMode) {}

    /**
     * What restoring the job from a snapshot would do to state, before anything starts: operators whose state the
     * job would drop (the start then needs allowNonRestoredState, given knowingly) and operators of the job that have
     * no state in the snapshot (they start empty, which is harmless for stateless ones such as most sinks).
     */
    public record Compatibility(List<String> droppedState, List<String> startingEmpty) {

        public boolean dropsState() {
            return !droppedState.isEmpty();
        }
    }

    public Compatibility compatibility(long workspaceId, long jobId, long snapshotId) {
        SnapshotEntity snapshot = contents.completed(workspaceId, snapshotId, "snapshotId");
        // The same reading as the snapshot's details page, so both say the same about what it holds.
        List<OperatorContents> saved = contents.contentsOf(snapshot).operators();
        List<JobStateInspector.JobOperator> target = launcher.operators(workspaceId, jobId);
        Set<String> targetIds =
                target.stream().map(JobStateInspector.JobOperator::operatorId).collect(Collectors.toSet());
        Set<String> savedIds = saved.stream().map(OperatorContents::uidHash).collect(Collectors.toSet());
        List<String> dropped = saved.stream()
                .filter(o -> !targetIds.contains(o.uidHash()))
                .map(o -> describe(o.uid(), o.name(), o.uidHash()) + ", " + o.stateBytes() + " bytes of state")
                .sorted()
                .toList();
        List<String> empty = target.stream()
                .filter(o -> o.uid() != null && !savedIds.contains(o.operatorId()))
                .map(o -> describe(o.uid(), o.vertexName(), o.operatorId()))
                .distinct()
                .sorted()
                .toList();
        return new Compatibility(dropped, empty);
    }

    private static String describe(String uid, String name, String id) {
        return (uid != null ? "uid '" + uid + "'" : "operator " + id) + (name != null ? " (" + name + ")" : "");
    }

    public JobDetails start(long workspaceId, long jobId, StartRequest request) {
        JobDetails job = jobs.get(workspaceId, jobId);
        // Refuse a viewer before telling them what is wrong with the request.
        job.workspace().requireRole(WorkspaceRole.EDITOR, "Starting jobs");
        if (request.strategy() == null) {
            // No silent default: starting STATELESS by accident throws the job's state away.
            throw InvalidInputException.of(
                    "strategy", "Choose a start strategy: " + Arrays.toString(StartStrategy.values()));
        }
        JobLaunch.ClaimMode claim = request.claimMode() == null ? JobLaunch.ClaimMode.NO_CLAIM : request.claimMode();
        StartPlan plan = switch (request.strategy()) {
            case STATELESS -> StartPlan.stateless();
            case LATEST_SNAPSHOT ->
                latestSnapshot(job.id())
                        .map(s -> new StartPlan(
                                StartStrategy.LATEST_SNAPSHOT,
                                s.getLocation(),
                                s.getId(),
                                request.allowNonRestoredState(),
                                claim))
                        .orElseThrow(() ->
                                InvalidInputException.of("strategy", "The job has no completed job snapshot yet"));
            case LATEST_STATE -> latestState(job, request.allowNonRestoredState(), claim);
            case SNAPSHOT -> {
                SnapshotEntity snapshot = contents.completed(workspaceId, request.snapshotId(), "snapshotId");
                yield new StartPlan(
                        StartStrategy.SNAPSHOT,
                        snapshot.getLocation(),
                        snapshot.getId(),
                        request.allowNonRestoredState(),
                        claim);
            }
        };
        return launcher.start(workspaceId, jobId, plan);
    }

    /** Starts the job without state (the demo's first start, and tests). Refused while it is running. */
    public JobDetails startWithoutState(long workspaceId, long jobId) {
        return start(workspaceId, jobId, new StartRequest(StartStrategy.STATELESS, null, false, null));
    }

    /**
     * Stops a RUNNING job. With a snapshot, Flink takes a final savepoint (optionally draining the sources first),
     * recorded with trigger STOP; if that savepoint fails the job keeps running and the snapshot is FAILED with
     * Flink's reason. Without, the job is cancelled at once (its retained checkpoints stay).
     *
     * @return the STOP snapshot (IN_PROGRESS; it completes in the background), or empty when stopped without one
     */
    public Optional<JobSnapshot> stop(
            long workspaceId, long jobId, boolean withSnapshot, boolean drain, SnapshotFormat format) {
        JobDetails job = SnapshotService.requireEditable(jobs, workspaceId, jobId);
        if (!job.status().isRunning()) {
            throw InvalidInputException.of(
                    "status", "Only a RUNNING job can be stopped; " + job.name() + " is " + job.status());
        }
        if (!withSnapshot) {
            engines.of(job).cancel(job.engineJobId());
            transactions.executeWithoutResult(
                    tx -> audit.record(workspaceId, "job.stop", "job", job.id(), "without snapshot (cancel)"));
            return Optional.empty();
        }
        String by = currentUser.require().username();
        return Optional.of(transactions.execute(tx -> {
            SnapshotEntity entity = inserts.insert(
                    new SnapshotInserts.Requested(
                            job,
                            SnapshotTrigger.STOP,
                            format == null ? SnapshotFormat.CANONICAL : format,
                            drain ? "stop (drain)" : "stop",
                            drain),
                    by);
            audit.record(
                    workspaceId,
                    "job.stop",
                    "job",
                    job.id(),
                    "with snapshot " + entity.getId() + (drain ? ", drain" : ""));
            return entity.toRecord();
        }));
    }

    /** The job's runs, newest first. */
    public List<JobRun> runs(long workspaceId, long jobId) {
        return launcher.runs(workspaceId, jobId);
    }

    private Optional<SnapshotEntity> latestSnapshot(long jobId) {
        return snapshots.findFirstByJobIdAndStatusOrderByCompletedAtDescIdDesc(jobId, SnapshotStatus.COMPLETED);
    }

    /** The newer of the latest retained checkpoint and the latest completed snapshot. */
    private StartPlan latestState(JobDetails job, boolean allowNonRestoredState, JobLaunch.ClaimMode claim) {
        Optional<SnapshotEntity> snapshot = latestSnapshot(job.id());
        Optional<StoredCheckpoint> checkpoint =
                storage.latestCheckpoint(job.workspace().id(), job.id());
        boolean useCheckpoint = checkpoint.isPresent()
                && (snapshot.isEmpty()
                        || checkpoint.get().completedAt().isAfter(snapshot.get().getCompletedAt()));
        if (useCheckpoint) {
            return new StartPlan(
                    StartStrategy.LATEST_STATE, checkpoint.get().location(), null, allowNonRestoredState, claim);
        }
        return snapshot.map(s -> new StartPlan(
                        StartStrategy.LATEST_STATE, s.getLocation(), s.getId(), allowNonRestoredState, claim))
                .orElseThrow(() -> InvalidInputException.of(
                        "strategy", "The job has neither a retained checkpoint nor a completed snapshot"));
    }
}

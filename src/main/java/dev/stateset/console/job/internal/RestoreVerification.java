package dev.stateset.console.job.internal;

import dev.stateset.console.alert.JobWebhook;
import dev.stateset.console.audit.AuditLog;
import dev.stateset.console.engine.CheckpointStatistics;
import dev.stateset.console.engine.EngineRejectedException;
import dev.stateset.console.engine.EngineUnavailableException;
import dev.stateset.console.engine.FlinkEngine;
import dev.stateset.console.live.StateChange;
import dev.stateset.console.live.StateChanges;
import dev.stateset.console.workspace.WorkspaceDetails;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks, once a run started from a snapshot or checkpoint is RUNNING, that Flink restored exactly that: its
 * {@code /jobs/{id}/checkpoints} → {@code latest.restored} names the path. A run that restored something else or nothing
 * is marked unverified, audited and alerted (the workspace webhook, once per run); a RUNNING badge alone cannot tell a
 * job that silently started from nothing.
 */
@Component
class RestoreVerification {

    private static final Logger log = LoggerFactory.getLogger(RestoreVerification.class);

    private final JobRepository jobs;
    private final JobRunRepository runs;
    private final AuditLog audit;
    private final JobWebhook webhook;
    private final StateChanges changes;
    private final TransactionTemplate transactions;

    RestoreVerification(
            JobRepository jobs,
            JobRunRepository runs,
            AuditLog audit,
            JobWebhook webhook,
            StateChanges changes,
            TransactionTemplate transactions) {
        this.jobs = jobs;
        this.runs = runs;
        this.audit = audit;
        this.webhook = webhook;
        this.changes = changes;
        this.transactions = transactions;
    }

    /** Whether the run still waits for its restore to be checked. */
    static boolean pending(JobRepository.RunRow run) {
        return run.restorePath() != null && run.restoreVerified() == null;
    }

    /** Reads what Flink restored for the RUNNING run and records the verdict; a cluster that does not answer: later. */
    void verify(WorkspaceDetails workspace, FlinkEngine engine, JobRepository.RunRow run) {
        Optional<CheckpointStatistics.Restored> restored;
        try {
            restored = engine.checkpointStatistics(run.engineJobId()).restored();
        } catch (EngineUnavailableException | EngineRejectedException e) {
            log.debug("Restore of job {} not checked yet: {}", run.name(), e.getMessage());
            return;
        }
        boolean verified = restored.map(r -> samePlace(r.externalPath(), run.restorePath()))
                .orElse(false);
        String verdict = restored.map(r -> verified
                        ? "Flink restored " + (r.savepoint() ? "savepoint" : "checkpoint") + " " + r.checkpointId()
                                + " from " + r.externalPath()
                        : "Flink restored " + (r.savepoint() ? "savepoint" : "checkpoint") + " " + r.checkpointId()
                                + " from " + r.externalPath() + ", not " + run.restorePath())
                .orElse("Flink restored nothing: the run started without state instead of from " + run.restorePath());
        transactions.executeWithoutResult(tx -> {
            if (jobs.recordRestoreVerdict(run.id(), run.engineJobId(), verified, verdict) == 0) {
                return; // a newer run replaced this one meanwhile
            }
            runs.recordRestoreVerdict(run.id(), run.engineJobId(), verified, verdict);
            audit.record(
                    workspace.id(),
                    verified ? "job.restore-verified" : "job.restore-mismatch",
                    "job",
                    run.id(),
                    "engineJobId=" + run.engineJobId() + ": " + verdict);
            changes.publish(workspace.id(), run.id(), StateChange.Kind.JOB);
        });
        if (!verified) {
            log.warn("Job {} ({}): {}", run.name(), run.engineJobId(), verdict);
            webhook.post(
                    workspace,
                    run.id(),
                    run.name(),
                    "restore.mismatch",
                    Map.of("engineJobId", run.engineJobId(), "expected", run.restorePath(), "verdict", verdict));
        }
    }

    /** The same directory however it is spelled: {@code file:/x/}, {@code file:///x} and {@code file:/x} are one. */
    static boolean samePlace(String restored, String expected) {
        return restored != null && normal(restored).equals(normal(expected));
    }

    private static String normal(String location) {
        String l = location.strip();
        if (l.startsWith("file:///")) {
            l = "file:/" + l.substring("file:///".length());
        }
        while (l.endsWith("/") && l.length() > 1) {
            l = l.substring(0, l.length() - 1);
        }
        return l;
    }
}

package dev.stateset.console.support;

import dev.stateset.console.engine.embedded.DemoJobJar;
import dev.stateset.console.engine.embedded.demo.KeyedCounterJob;
import dev.stateset.console.engine.embedded.demo.OrderTotalsJob;
import dev.stateset.console.job.JobDraft;
import dev.stateset.console.job.JobService;
import dev.stateset.console.job.JobStatus;
import dev.stateset.console.job.JobSummary;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.stateset.JobLifecycleService;
import dev.stateset.console.workspace.WorkspaceService;
import dev.stateset.console.workspace.WorkspaceSummary;
import java.time.Duration;
import java.util.UUID;

/** Ids of the seeded demo workspace and its jobs, looked up the way a user would find them. */
public record Demo(long workspaceId, long keyedCounterJobId, long orderTotalsJobId) {

    public static Demo find(WorkspaceService workspaces, JobService jobs) {
        return SystemIdentity.call(() -> {
            long ws = workspaces.listMine().stream()
                    .filter(w -> w.name().equals("demo"))
                    .mapToLong(WorkspaceSummary::id)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("demo workspace not seeded"));
            var list = jobs.list(ws);
            return new Demo(ws, idOf(list, "keyed-counter"), idOf(list, "order-totals"));
        });
    }

    private static long idOf(java.util.List<JobSummary> jobs, String name) {
        return jobs.stream()
                .filter(j -> j.name().equals(name))
                .mapToLong(JobSummary::id)
                .findFirst()
                .orElseThrow(() -> new AssertionError("demo job " + name + " not seeded"));
    }

    /** A job of the demo jar's keyed counter under a fresh name (so tests never share a job). */
    public static JobDraft keyedCounter(String namePrefix, String arguments) {
        return new JobDraft(
                freshName(namePrefix), "", DemoJobJar.ARTIFACT, KeyedCounterJob.class.getName(), arguments, 1);
    }

    /** A valid job (the demo jar's keyed counter) under exactly this name, for tests that never start it. */
    public static JobDraft idle(String name, int parallelism) {
        return new JobDraft(name, "", DemoJobJar.ARTIFACT, KeyedCounterJob.class.getName(), "", parallelism);
    }

    /** A job of the demo jar's order totals under a fresh name (operators other than the keyed counter's). */
    public static JobDraft orderTotals(String namePrefix, String arguments) {
        return new JobDraft(
                freshName(namePrefix), "", DemoJobJar.ARTIFACT, OrderTotalsJob.class.getName(), arguments, 1);
    }

    /** Creates the job in the demo workspace, starts it without state and waits until it is RUNNING. */
    public long runningJob(JobService jobs, JobLifecycleService lifecycle, JobDraft draft) {
        long id = SystemIdentity.call(() -> {
            long created = jobs.create(workspaceId, draft).id();
            lifecycle.startWithoutState(workspaceId, created);
            return created;
        });
        Await.until(
                Duration.ofSeconds(60),
                draft.name() + " RUNNING",
                () -> SystemIdentity.call(() -> jobs.findForSystem(id).status()) == JobStatus.RUNNING);
        return id;
    }

    private static String freshName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    public String tab(long jobId, String tab) {
        return "workspaces/" + workspaceId + "/jobs/" + jobId + "/state-sets/" + tab;
    }
}

package dev.stateset.console.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stateset.console.Application;
import dev.stateset.console.base.DatabaseClock;
import dev.stateset.console.base.HostClock;
import dev.stateset.console.engine.embedded.DemoJobJar;
import dev.stateset.console.engine.embedded.demo.KeyedCounterJob;
import dev.stateset.console.job.JobDraft;
import dev.stateset.console.job.JobService;
import dev.stateset.console.job.JobStatus;
import dev.stateset.console.job.StartStrategy;
import dev.stateset.console.live.StateChange;
import dev.stateset.console.live.StateChanges;
import dev.stateset.console.policy.PolicyDraft;
import dev.stateset.console.policy.PolicyService;
import dev.stateset.console.policy.RetentionUnit;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.stateset.JobLifecycleService;
import dev.stateset.console.stateset.SnapshotFormat;
import dev.stateset.console.stateset.internal.SnapshotWorker;
import dev.stateset.console.support.ApiClient;
import dev.stateset.console.support.Await;
import dev.stateset.console.support.FlinkSessionCluster;
import dev.stateset.console.support.Postgres;
import dev.stateset.console.support.SkipTestConfigurations;
import dev.stateset.console.workspace.EngineKind;
import dev.stateset.console.workspace.WorkspaceDraft;
import dev.stateset.console.workspace.WorkspaceService;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two console replicas — two complete Spring Boot applications with their own web servers, schedulers, workers and
 * cleanups — on one PostgreSQL database and one Flink session cluster (separate processes). Each due schedule fires
 * once, each snapshot is deleted once, a snapshot triggered through one replica is followed to COMPLETED through the
 * other, and when the replica carrying a snapshot stops, the other one finishes it. Replica B's host clock runs 30 s
 * ahead of A's: both still agree on leases and due times, because the console's time is the database's.
 */
@Postgres.Needed
class ReplicasIT {

    static final Duration FLINK = Duration.ofSeconds(90);
    static final String ADMIN = "admin:admin-password-for-tests";
    static final int ROUNDS = 3;
    static final Duration SKEW = Duration.ofSeconds(30);

    ConfigurableApplicationContext a;
    ConfigurableApplicationContext b;

    @AfterEach
    void stopReplicas() {
        for (ConfigurableApplicationContext replica : new ConfigurableApplicationContext[] {a, b}) {
            if (replica != null && replica.isActive()) {
                replica.close();
            }
        }
    }

    @Test
    void two_replicas_share_the_work_and_each_piece_of_it_happens_once() throws Exception {
        FlinkSessionCluster cluster = FlinkSessionCluster.shared();
        String schema = Postgres.newSchema();
        Path storage = Files.createDirectories(Path.of("target", "test-data"))
                .resolve("replicas-storage-" + UUID.randomUUID())
                .toAbsolutePath();
        a = replica("a", schema, storage, Duration.ZERO);
        b = replica("b", schema, storage, SKEW);
        assertThat(b.getBean(DatabaseClock.class).offset())
                .as("B's correction of its host clock to the database's")
                .isBetween(SKEW.negated().minusSeconds(1), SKEW.negated().plusSeconds(1));
        ApiClient apiA = new ApiClient(port(a));
        ApiClient apiB = new ApiClient(port(b));
        JdbcTemplate db = b.getBean(JdbcTemplate.class); // B outlives A in this test

        // One workspace on the session cluster, two running jobs, started through replica A.
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        long ws = SystemIdentity.call(() -> a.getBean(WorkspaceService.class)
                .create(new WorkspaceDraft(
                        "replicas-" + suffix,
                        "",
                        "UTC",
                        EngineKind.REMOTE,
                        cluster.restUrl().toString()))
                .id());
        List<Long> jobIds = List.of(job(ws, "one-" + suffix), job(ws, "two-" + suffix));
        for (long job : jobIds) {
            SystemIdentity.run(() -> a.getBean(JobLifecycleService.class)
                    .start(ws, job, new JobLifecycleService.StartRequest(StartStrategy.STATELESS, null, false, null)));
        }
        for (long job : jobIds) {
            Await.until(
                    FLINK,
                    "job " + job + " RUNNING as replica B sees it",
                    () -> SystemIdentity.call(() -> b.getBean(JobService.class)
                                    .findForSystem(job)
                                    .status())
                            == JobStatus.RUNNING);
        }

        // A snapshot triggered through A's API is followed through B's API, IN_PROGRESS first, then COMPLETED; the
        // pages open on B hear of it through the change feed (what B's History tab subscribes to).
        List<StateChange> heardOnB = new java.util.concurrent.CopyOnWriteArrayList<>();
        StateChanges.Subscription pageOnB = b.getBean(StateChanges.class)
                .subscribe(c -> c.concerns(ws, jobIds.get(0)) && c.kind() == StateChange.Kind.SNAPSHOT, heardOnB::add);
        String snapshotsOfOne = "/api/v1/workspaces/" + ws + "/jobs/" + jobIds.get(0) + "/snapshots";
        long manual = apiA.expect(
                        apiA.call(
                                "POST", snapshotsOfOne, ADMIN, "{\"format\":\"CANONICAL\",\"description\":\"via A\"}"),
                        202)
                .path("id")
                .asLong();
        assertThat(apiB.expect(apiB.call("GET", snapshotsOfOne + "/" + manual, ADMIN, null), 200)
                        .path("status")
                        .asText())
                .as("B sees A's snapshot at once")
                .isIn("IN_PROGRESS", "COMPLETED");
        assertThat(awaitDone(apiB, snapshotsOfOne + "/" + manual).path("status").asText())
                .isEqualTo("COMPLETED");
        Await.until(Duration.ofSeconds(30), "B's pages told of A's snapshot", () -> !heardOnB.isEmpty());
        pageOnB.cancel();

        // Schedules with cleanup (keep 1) on both jobs; each round makes every policy due at a new instant while both
        // replicas' schedulers tick every 300 ms against the same rows.
        for (long job : jobIds) {
            SystemIdentity.run(() -> a.getBean(PolicyService.class)
                    .save(
                            ws,
                            job,
                            new PolicyDraft(
                                    true,
                                    "0 0 1 1 *",
                                    SnapshotFormat.CANONICAL,
                                    0,
                                    true,
                                    1,
                                    null,
                                    RetentionUnit.DAYS,
                                    "")));
        }
        String ids = jobIds.toString().replace('[', '(').replace(']', ')');
        for (int round = 1; round <= ROUNDS; round++) {
            Instant due = Instant.now().minusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            db.update(
                    "update snapshot_policy set next_due_at = ? where job_id in " + ids, java.sql.Timestamp.from(due));
            int expected = round * jobIds.size();
            Await.until(
                    FLINK,
                    "round " + round + " fired",
                    () -> db.queryForObject(
                                    "select count(*) from schedule_event where outcome = 'TRIGGERED' and job_id in "
                                            + ids,
                                    Integer.class)
                            >= expected);
            Await.until(
                    FLINK,
                    "round " + round + " finished",
                    () -> db.queryForObject(
                                    "select count(*) from job_snapshot where "
                                            + "trigger_kind = 'SCHEDULED' and status = 'IN_PROGRESS' and job_id in "
                                            + ids,
                                    Integer.class)
                            == 0);
            Thread.sleep(1100); // the next round's due time is a different second
        }
        Thread.sleep(1000); // one more tick of both schedulers: nothing may fire twice
        assertThat(db.queryForObject("select count(*) from schedule_event where job_id in " + ids, Integer.class))
                .as("schedule events")
                .isEqualTo(ROUNDS * jobIds.size());
        assertThat(db.queryForObject(
                        "select count(*) from job_snapshot where trigger_kind = 'SCHEDULED' and job_id in " + ids,
                        Integer.class))
                .as("scheduled snapshots: one per due time, whichever replica claimed it")
                .isEqualTo(ROUNDS * jobIds.size());
        assertThat(db.queryForList(
                        "select distinct worker_id from job_snapshot where trigger_kind = 'SCHEDULED' and job_id in "
                                + ids,
                        String.class))
                .as("workers that carried them")
                .isNotEmpty();

        // Cleanup (keep 1) ran in both replicas: every deleted snapshot was deleted exactly once, and its files are
        // gone.
        Await.until(
                FLINK,
                "cleanup down to the newest scheduled snapshot per job",
                () -> db.queryForObject(
                                "select count(*) from job_snapshot"
                                        + " where trigger_kind = 'SCHEDULED' and status = 'COMPLETED' and job_id in "
                                        + ids,
                                Integer.class)
                        == jobIds.size());
        List<Map<String, Object>> deleted =
                db.queryForList("select id, location from job_snapshot where status = 'DELETED' and job_id in " + ids);
        assertThat(deleted).hasSizeGreaterThanOrEqualTo((ROUNDS - 1) * jobIds.size());
        Map<String, Integer> deletions = new HashMap<>();
        db.query(
                "select target_id, count(*) from audit_event where action = 'snapshot.delete' and target_type = 'snapshot' group by target_id",
                (java.sql.ResultSet rs) -> {
                    deletions.put(rs.getString(1), rs.getInt(2));
                });
        for (Map<String, Object> row : deleted) {
            assertThat(deletions.get(String.valueOf(row.get("id"))))
                    .as("deletions of snapshot %s", row.get("id"))
                    .isEqualTo(1);
            assertThat(Path.of(URI.create((String) row.get("location"))))
                    .as("files of snapshot %s", row.get("id"))
                    .doesNotExist();
        }

        // While both replicas live, neither took over the other's snapshots: with B's clock 30 s ahead and 5 s leases,
        // B would see every lease of A's as lapsed if each replica used its own host's time.
        assertThat(adopted(a) + adopted(b))
                .as("snapshots adopted while both replicas were alive")
                .isZero();

        // The replica carrying a snapshot stops mid-way: the other one takes the snapshot over and completes it.
        long handedOver = apiA.expect(
                        apiA.call(
                                "POST",
                                snapshotsOfOne,
                                ADMIN,
                                "{\"format\":\"CANONICAL\",\"description\":\"A stops\"}"),
                        202)
                .path("id")
                .asLong();
        assertThat(db.queryForObject("select status from job_snapshot where id = ?", String.class, handedOver))
                .as("still in flight when A stops (Flink is polled every 1.5 s)")
                .isEqualTo("IN_PROGRESS");
        String workerA = a.getBean(SnapshotWorker.class).workerId();
        String workerB = b.getBean(SnapshotWorker.class).workerId();
        a.close();
        JsonNode done = awaitDone(apiB, snapshotsOfOne + "/" + handedOver);
        assertThat(done.path("status").asText())
                .as("cause: %s", done.path("failureCause").asText())
                .isEqualTo("COMPLETED");
        assertThat(db.queryForObject("select worker_id from job_snapshot where id = ?", String.class, handedOver))
                .as("finished by B (%s), not by A (%s)", workerB, workerA)
                .isEqualTo(workerB);
        assertThat(adopted(b)).as("B took over the snapshot A handed over").isEqualTo(1);

        for (long job : jobIds) {
            SystemIdentity.call(() -> b.getBean(JobLifecycleService.class).stop(ws, job, false, false, null));
        }
    }

    private long job(long ws, String name) {
        return SystemIdentity.call(() -> a.getBean(JobService.class)
                .create(
                        ws,
                        new JobDraft(
                                name,
                                "",
                                DemoJobJar.ARTIFACT,
                                KeyedCounterJob.class.getName(),
                                "--keys 3 --rate 20",
                                1))
                .id());
    }

    private static JsonNode awaitDone(ApiClient api, String path) {
        return Await.until(
                FLINK,
                "snapshot " + path,
                () -> api.expect(api.call("GET", path, ADMIN, null), 200),
                s -> !s.path("status").asText().equals("IN_PROGRESS"));
    }

    private static double adopted(ConfigurableApplicationContext replica) {
        return replica.getBean(MeterRegistry.class)
                .counter("stateset.snapshots.adopted")
                .count();
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** A whole console, as `java -jar` would start it, on the shared database, storage and Flink cluster. */
    private static ConfigurableApplicationContext replica(
            String name, String schema, Path storage, Duration hostClockAhead) throws IOException {
        Map<String, Object> properties = new HashMap<>(Postgres.properties(schema));
        properties.put("server.port", "0");
        properties.put("stateset.engine.embedded.enabled", "false");
        properties.put("stateset.demo.enabled", "false");
        properties.put("stateset.storage.local.root", storage.toString());
        properties.put("stateset.scheduler.tick", "300ms");
        properties.put("stateset.cleanup.interval", "2s");
        properties.put("stateset.engine.savepoint-poll-interval", "1500ms");
        properties.put("stateset.engine.savepoint-first-poll", "1500ms");
        properties.put("stateset.engine.snapshot-sweep-interval", "1s");
        properties.put("stateset.engine.snapshot-lease", "5s");
        properties.put("spring.application.name", "stateset-replica-" + name);
        // As command-line arguments: they win over application-test.properties (builder "properties" would lose to it).
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(Application.class)
                .profiles("test")
                // Like the test framework does: the tests' own @TestConfiguration classes are not part of a console.
                .initializers(
                        SkipTestConfigurations::register,
                        context -> ((ConfigurableApplicationContext) context)
                                .getBeanFactory()
                                .registerSingleton(
                                        "hostClock", new HostClock(Clock.offset(Clock.systemUTC(), hostClockAhead))))
                .run(args);
    }
}

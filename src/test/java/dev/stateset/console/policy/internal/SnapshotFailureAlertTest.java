package dev.stateset.console.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateset.console.job.JobService;
import dev.stateset.console.policy.PolicyDraft;
import dev.stateset.console.policy.PolicyService;
import dev.stateset.console.policy.RetentionUnit;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.stateset.SnapshotFormat;
import dev.stateset.console.stateset.StateSetService;
import dev.stateset.console.support.Await;
import dev.stateset.console.support.ControlledClockTest;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.MutableClock;
import dev.stateset.console.support.WebhookReceiver;
import dev.stateset.console.workspace.EngineKind;
import dev.stateset.console.workspace.WorkspaceDraft;
import dev.stateset.console.workspace.WorkspaceService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A failed scheduled trigger is retried with backoff; when failures reach the threshold (2 in this context) the
 * job's Overview shows an alert and the workspace webhook gets one JSON POST (a real HTTP server on loopback).
 */
@ControlledClockTest
class SnapshotFailureAlertTest {

    static final Instant T0 = Instant.parse("2026-11-29T00:00:00Z");

    @Autowired
    SnapshotScheduler scheduler;

    @Autowired
    PolicyService policies;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobService jobs;

    @Autowired
    StateSetService stateSets;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcTemplate jdbc;

    WebhookReceiver hook;
    List<String> received;
    List<String> signatures;

    @BeforeEach
    void webhookReceiver() {
        hook = WebhookReceiver.start();
        received = hook.bodies();
        signatures = hook.signatures();
    }

    @AfterEach
    void stopReceiver() {
        hook.close();
    }

    @Test
    void failures_are_retried_then_alerted_once_through_the_webhook() {
        clock.set(T0);
        jdbc.update("update snapshot_policy set creation_enabled = false");
        String webhook = hook.url();
        long ws = SystemIdentity.call(() -> workspaces
                .create(new WorkspaceDraft(
                        "alerts-" + UUID.randomUUID().toString().substring(0, 8),
                        "",
                        "UTC",
                        EngineKind.REMOTE,
                        "http://127.0.0.1:9",
                        webhook))
                .id());
        long job =
                SystemIdentity.call(() -> jobs.create(ws, Demo.idle("flaky", 1)).id());
        jdbc.update(
                "update flink_job set status = 'RUNNING', engine_job_id = 'ffffffffffffffffffffffffffffffff' where id = ?",
                job);
        SystemIdentity.run(() -> policies.save(
                ws,
                job,
                new PolicyDraft(
                        true, "*/10 * * * *", SnapshotFormat.CANONICAL, 0, false, 10, null, RetentionUnit.DAYS, "")));

        clock.set(T0.plus(Duration.ofMinutes(10)));
        scheduler.tick();
        Map<String, Object> first = awaitFailed(job, 1);
        assertThat(((Number) first.get("attempts")).intValue())
                .as("retried once before failing")
                .isEqualTo(1);
        assertThat((String) first.get("failure_cause")).contains("unreachable");
        assertThat(SystemIdentity.call(() -> stateSets.snapshotAlert(ws, job))).isEmpty();
        assertThat(received).isEmpty();

        clock.set(T0.plus(Duration.ofMinutes(20)));
        scheduler.tick();
        awaitFailed(job, 2);
        assertThat(SystemIdentity.call(() -> stateSets.snapshotAlert(ws, job)))
                .hasValueSatisfying(text -> assertThat(text).startsWith("2 scheduled snapshots failed"));
        Await.until(Duration.ofSeconds(10), "the webhook POST", () -> !received.isEmpty());
        assertThat(received).hasSize(1);
        assertThat(received.get(0))
                .contains("\"event\":\"snapshot.failures\"")
                .contains("\"job\":\"flaky\"")
                .contains("\"failures\":2");
        // Signed with the secret from the environment, over the exact bytes received (checked with the JDK's own HMAC).
        javax.crypto.Mac mac = hmac();
        String expected = "sha256="
                + java.util.HexFormat.of().formatHex(mac.doFinal(received.get(0).getBytes(StandardCharsets.UTF_8)));
        assertThat(signatures).containsExactly(expected);
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_event where action = 'snapshot.retry' and target_id in "
                                + "(select cast(id as varchar) from job_snapshot where job_id = ?)",
                        Long.class,
                        job))
                .isEqualTo(2);
    }

    private static javax.crypto.Mac hmac() {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(
                    ControlledClockTest.WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private Map<String, Object> awaitFailed(long job, int count) {
        Await.until(
                Duration.ofSeconds(30),
                count + " failed snapshots",
                () -> jdbc.queryForObject(
                                "select count(*) from job_snapshot where job_id = ? and status = 'FAILED'",
                                Long.class,
                                job)
                        >= count);
        return jdbc.queryForMap(
                "select attempts, failure_cause from job_snapshot where job_id = ? and status = 'FAILED' order by id desc limit 1",
                job);
    }
}

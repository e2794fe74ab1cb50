package dev.stateset.console.stateset.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stateset.console.audit.AuditLog;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.stateset.SnapshotStatus;
import dev.stateset.console.stateset.SnapshotTrigger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The snapshot-failure alert of a job: active while at least N scheduled snapshots failed within the last M minutes.
 * When a failure makes the count reach N, the workspace's webhook (if any) gets one JSON POST.
 */
@Component
public class SnapshotAlerts {

    private static final Logger log = LoggerFactory.getLogger(SnapshotAlerts.class);
    public static final String SIGNATURE_HEADER = "X-Stateset-Signature";

    private final SnapshotRepository snapshots;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;
    private final Clock clock;
    private final int threshold;
    private final Duration window;
    /** Signs webhook bodies (HMAC-SHA256) so that receivers can tell the console's POSTs from forged ones. */
    private final String webhookSecret;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SnapshotAlerts(
            SnapshotRepository snapshots,
            AuditLog audit,
            TransactionTemplate transactions,
            ObjectMapper json,
            Clock clock,
            AlertProperties settings) {
        this.webhookSecret = settings.webhookSecret();
        this.snapshots = snapshots;
        this.audit = audit;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
        this.threshold = settings.failures();
        this.window = settings.window();
    }

    /** The alert text for the job's Overview, when active. */
    public Optional<String> activeAlert(long jobId) {
        long failures = recentFailures(jobId);
        return failures >= threshold
                ? Optional.of(failures + " scheduled snapshots failed in the last " + window.toMinutes()
                        + " minutes; see the History tab for the causes")
                : Optional.empty();
    }

    /** Called after a scheduled snapshot failed for good. */
    void onScheduledFailure(JobDetails job, String cause) {
        long failures = recentFailures(job.id());
        String url = job.workspace().webhookUrl();
        if (failures != threshold || url == null) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", "snapshot.failures");
        body.put("workspace", job.workspace().name());
        body.put("job", job.name());
        body.put("jobId", job.id());
        body.put("failures", failures);
        body.put("windowMinutes", window.toMinutes());
        body.put("lastCause", cause);
        body.put("at", clock.instant().toString());
        try {
            String payload = json.writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(payload));
            if (!webhookSecret.isBlank()) {
                request.header(SIGNATURE_HEADER, "sha256=" + hmacSha256(webhookSecret, payload));
            }
            CompletableFuture<HttpResponse<Void>> sent =
                    http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding());
            sent.whenComplete((response, error) -> transactions.executeWithoutResult(tx -> audit.record(
                    job.workspace().id(),
                    error == null && response.statusCode() < 300 ? "alert.webhook" : "alert.webhook-failed",
                    "job",
                    job.id(),
                    url + " → " + (error == null ? "HTTP " + response.statusCode() : error.toString()))));
        } catch (Exception e) {
            log.warn("Webhook {} not sent: {}", url, e.toString());
        }
    }

    private long recentFailures(long jobId) {
        Instant since = clock.instant().minus(window);
        return snapshots.countByJobIdAndTriggerAndStatusAndCompletedAtAfter(
                jobId, SnapshotTrigger.SCHEDULED, SnapshotStatus.FAILED, since);
    }

    /** Hex HMAC-SHA256 of the body, as GitHub-style webhook receivers check it. */
    static String hmacSha256(String secret, String payload) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(
                    secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of()
                    .formatHex(mac.doFinal(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}

package dev.stateset.console.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stateset.console.audit.AuditLog;
import dev.stateset.console.workspace.WorkspaceDetails;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The workspace's alert webhook: one signed JSON POST per alert of a job (snapshot failures, a restore Flink did not
 * make, a recovery point too old), sent without waiting; the audit log records whether the receiver took it.
 */
@Component
public class JobWebhook {

    private static final Logger log = LoggerFactory.getLogger(JobWebhook.class);
    public static final String SIGNATURE_HEADER = "X-Stateset-Signature";

    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;
    private final Clock clock;
    private final String secret;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    JobWebhook(
            AuditLog audit,
            TransactionTemplate transactions,
            ObjectMapper json,
            Clock clock,
            WebhookProperties settings) {
        this.audit = audit;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
        this.secret = settings.webhookSecret();
    }

    /**
     * POSTs {@code {"event", "workspace", "job", "jobId", …fields, "at"}} to the job's workspace webhook, if it has one.
     *
     * @return whether a POST was sent (it may still fail; the audit log says)
     */
    public boolean post(
            WorkspaceDetails workspace, long jobId, String jobName, String event, Map<String, Object> fields) {
        String url = workspace.webhookUrl();
        if (url == null) {
            return false;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", event);
        body.put("workspace", workspace.name());
        body.put("job", jobName);
        body.put("jobId", jobId);
        body.putAll(fields);
        body.put("at", clock.instant().toString());
        try {
            String payload = json.writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(payload));
            if (!secret.isBlank()) {
                request.header(SIGNATURE_HEADER, "sha256=" + hmacSha256(secret, payload));
            }
            CompletableFuture<HttpResponse<Void>> sent =
                    http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding());
            sent.whenComplete((response, error) -> transactions.executeWithoutResult(tx -> audit.record(
                    workspace.id(),
                    error == null && response.statusCode() < 300 ? "alert.webhook" : "alert.webhook-failed",
                    "job",
                    jobId,
                    event + " " + url + " → " + (error == null ? "HTTP " + response.statusCode() : error.toString()))));
            return true;
        } catch (Exception e) {
            log.warn("Webhook {} not sent: {}", url, e.toString());
            return false;
        }
    }

    /** Hex HMAC-SHA256 of the body, as GitHub-style webhook receivers check it. */
    public static String hmacSha256(String secret, String payload) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}

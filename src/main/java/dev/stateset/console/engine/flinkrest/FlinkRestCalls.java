package dev.stateset.console.engine.flinkrest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stateset.console.engine.EngineRejectedException;
import dev.stateset.console.engine.EngineUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * One Flink cluster's REST endpoint through Spring's {@link RestClient}: every call has a connect and a request
 * timeout, passes the cluster's {@link ClusterGuard}, and is timed as {@code stateset.flink.rest} by its URI template
 * (so the metric has few, stable series); the client's own observation adds {@code http.client.requests}. An answer
 * is read as Flink's JSON or not at all: whatever else answers at a cluster's URL reaches every member of the
 * workspace through failure causes, so a body that is not Flink's is never repeated.
 */
final class FlinkRestCalls {

    private static final Logger log = LoggerFactory.getLogger(FlinkRestCalls.class);

    private final URI base;
    private final RestClient client;
    private final ObjectMapper json;
    private final Duration requestTimeout;
    private final MeterRegistry meters;
    private final ClusterGuard guard;
    private final java.util.Map<List<String>, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();

    FlinkRestCalls(
            URI base,
            RestClient.Builder builder,
            ObjectMapper json,
            Duration connectTimeout,
            Duration requestTimeout,
            MeterRegistry meters,
            ClusterGuard guard) {
        this.base = base;
        this.json = json;
        this.requestTimeout = requestTimeout;
        this.meters = meters;
        this.guard = guard;
        this.client = builder.baseUrl(base.toString())
                .requestFactory(new HttpComponentsClientHttpRequestFactory(
                        httpClient(connectTimeout, requestTimeout, guard.maxConcurrentCalls())))
                .defaultHeader("Accept", MediaType.APPLICATION_JSON_VALUE)
                .build();
    }

    /**
     * Apache HttpClient 5, blocking on the calling thread with a pool of kept-alive connections as large as the
     * cluster's bulkhead. The JDK's client hands every answer to threads of its own: 0.33 ms of CPU per call, the
     * console's largest cost when thousands of snapshots are due together (DD009, scheduler benchmark). No retries and
     * no redirects, as before: the guard decides what to do about a cluster that does not answer.
     */
    private static CloseableHttpClient httpClient(Duration connectTimeout, Duration requestTimeout, int connections) {
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(connections)
                .setMaxConnPerRoute(connections)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(requestTimeout))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .setTimeToLive(TimeValue.ofMinutes(5))
                        .build())
                .build();
        return HttpClients.custom()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(requestTimeout))
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    /** A call's answer: its status and body, read as one of {@link FlinkMessages} on demand. */
    final class Answer {
        private final Call call;
        private final int status;
        private final String body;

        private Answer(Call call, int status, String body) {
            this.call = call;
            this.status = status;
            this.body = body;
        }

        int status() {
            return status;
        }

        /** Flink 2.1 answers a run of a jar it does not have with 500 "Jar file … does not exist" (older: 404). */
        boolean jarMissing() {
            return status == 404 || (status >= 400 && body.contains("Jar file") && body.contains("does not exist"));
        }

        /** The answer of a call that must succeed. */
        <T> T require(Class<T> type) {
            if (status < 200 || status >= 300) {
                throw new EngineRejectedException(
                        status, "Flink refused " + call + " (HTTP " + status + "): " + errorMessage());
            }
            try {
                return json.readValue(body.isBlank() ? "{}" : body, type);
            } catch (IOException e) {
                throw new EngineRejectedException(status, notFlink());
            }
        }

        void requireOk() {
            require(Object.class);
        }

        /** Flink's error messages ({@code {"errors": [...]}}), first lines only. */
        String errorMessage() {
            try {
                List<String> errors =
                        json.readValue(body, FlinkMessages.Errors.class).errors();
                if (errors != null && !errors.isEmpty()) {
                    return String.join(
                            "; ", errors.stream().map(FlinkErrors::firstLines).toList());
                }
            } catch (IOException | RuntimeException notJson) {
                // not Flink's error JSON
            }
            return notFlink();
        }

        private String notFlink() {
            log.debug("Non-Flink answer to {} at {} (HTTP {}): {}", call, base, status, abbreviate(body));
            return "The cluster at " + base + " answered HTTP " + status
                    + " with a response that is not Flink's (is the URL " + "that of a Flink REST API?)";
        }
    }

    /** A call as messages name it ({@code POST /jobs/…/savepoints}); spelled out only when a message needs it. */
    private record Call(HttpMethod method, String template, Object[] variables) {
        @Override
        public String toString() {
            return method.name() + " /"
                    + UriComponentsBuilder.fromUriString(template)
                            .buildAndExpand(variables)
                            .toUriString();
        }
    }

    Answer get(String template, Object... variables) {
        return send(HttpMethod.GET, null, null, template, variables);
    }

    Answer post(Object body, String template, Object... variables) {
        return send(HttpMethod.POST, body, MediaType.APPLICATION_JSON, template, variables);
    }

    Answer postMultipart(Object parts, String template, Object... variables) {
        return send(HttpMethod.POST, parts, MediaType.MULTIPART_FORM_DATA, template, variables);
    }

    Answer patch(String template, Object... variables) {
        return send(HttpMethod.PATCH, null, null, template, variables);
    }

    private Answer send(HttpMethod method, Object body, MediaType contentType, String template, Object... variables) {
        int query = template.indexOf('?');
        String operation = method.name() + " " + (query < 0 ? template : template.substring(0, query));
        Call call = new Call(method, template, variables);
        long started = System.nanoTime();
        String outcome = "unreachable";
        ClusterGuard.Permit permit;
        try {
            permit = guard.enter();
        } catch (EngineUnavailableException refused) {
            record(operation, "refused", 0);
            throw refused;
        }
        try (permit) {
            RestClient.RequestBodySpec request = client.method(method).uri(template, variables);
            if (body != null) {
                request.contentType(contentType).body(body);
            }
            Answer answer;
            try {
                answer = request.exchange(
                        (req, response) -> new Answer(
                                call,
                                response.getStatusCode().value(),
                                StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8)),
                        true);
            } catch (ResourceAccessException e) {
                permit.unanswered(e);
                throw e;
            }
            permit.answered();
            outcome = answer.status() / 100 + "xx";
            return answer;
        } catch (ResourceAccessException e) {
            if (e.getCause() instanceof SocketTimeoutException) {
                outcome = "timeout";
                throw new EngineUnavailableException(
                        "Flink at " + base + " did not answer within " + requestTimeout.toSeconds() + " s (" + call
                                + ")",
                        e);
            }
            if (e.getCause() instanceof ConnectException) {
                throw new EngineUnavailableException("Flink at " + base + " is unreachable: connection refused", e);
            }
            throw new EngineUnavailableException(
                    "Flink at " + base + " is unreachable: " + describe(e.getCause() == null ? e : e.getCause()), e);
        } finally {
            record(operation, outcome, System.nanoTime() - started);
        }
    }

    private void record(String operation, String outcome, long nanos) {
        // Looked up once per series: building and registering a Timer per call was a tenth of a call's CPU.
        timers.computeIfAbsent(
                        List.of(operation, outcome),
                        key -> Timer.builder("stateset.flink.rest")
                                .description("Latency of the console's calls to Flink's REST API")
                                .tag("operation", operation)
                                .tag("outcome", outcome)
                                .register(meters))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}

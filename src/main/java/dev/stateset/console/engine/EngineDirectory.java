package dev.stateset.console.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stateset.console.engine.embedded.EmbeddedFlinkCluster;
import dev.stateset.console.engine.flinkrest.ClusterGuard;
import dev.stateset.console.engine.flinkrest.FlinkRestEngine;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Hands out the {@link FlinkEngine} for a cluster: the embedded one, or a remote one by REST URL. Both are the
 * same REST adapter; adapters are kept per URL so that each cluster's uploaded jars are remembered.
 */
@Component
public class EngineDirectory {

    private final Optional<EmbeddedFlinkCluster> embedded;
    private final ObjectMapper json;
    private final EngineProperties properties;
    private final MeterRegistry meters;
    /** Spring Boot's RestClient builder (one per engine): its calls are observed as {@code http.client.requests}. */
    private final ObjectProvider<RestClient.Builder> clients;

    private final Map<URI, FlinkEngine> engines = new ConcurrentHashMap<>();

    EngineDirectory(
            ObjectProvider<EmbeddedFlinkCluster> embedded,
            ObjectMapper json,
            EngineProperties properties,
            MeterRegistry meters,
            ObjectProvider<RestClient.Builder> clients) {
        this.meters = meters;
        this.clients = clients;
        this.embedded = Optional.ofNullable(embedded.getIfAvailable());
        this.json = json;
        this.properties = properties;
    }

    /** The in-process cluster's engine; unavailable when it is disabled by configuration. */
    public FlinkEngine embedded() {
        EmbeddedFlinkCluster cluster = embedded.orElseThrow(() -> new EngineUnavailableException(
                "The embedded Flink cluster is disabled (stateset.engine.embedded.enabled=false); bind the workspace to a remote cluster",
                null));
        return remote(cluster.restUrl());
    }

    /** The engine of a session cluster at this REST URL. */
    public FlinkEngine remote(URI restUrl) {
        return engines.computeIfAbsent(
                restUrl,
                url -> new FlinkRestEngine(
                        url,
                        clients.getIfAvailable(RestClient::builder),
                        json,
                        properties.connectTimeout(),
                        properties.requestTimeout(),
                        meters,
                        new ClusterGuard.Settings(
                                properties.maxConcurrentCalls(),
                                properties.failuresToOpen(),
                                properties.openCircuitFor())));
    }

    public EngineProperties properties() {
        return properties;
    }
}

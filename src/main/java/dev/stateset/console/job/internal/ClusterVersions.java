package dev.stateset.console.job.internal;

import dev.stateset.console.engine.EngineRejectedException;
import dev.stateset.console.engine.EngineUnavailableException;
import dev.stateset.console.engine.FlinkEngine;
import dev.stateset.console.job.JobEngines;
import dev.stateset.console.live.StateChange;
import dev.stateset.console.live.StateChanges;
import dev.stateset.console.workspace.WorkspaceDetails;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Each cluster's Flink version for the workspace list, never read on a page's thread: a cluster not read yet (or read
 * more than a few minutes ago) is read in the background, and its workspaces' pages hear of the answer as a change.
 * A hung cluster holds one of the few reader threads for at most the REST timeout and nothing else.
 */
@Component
public class ClusterVersions implements DisposableBean {

    static final Duration FRESH_FOR = Duration.ofMinutes(5);

    /** What the list says about a cluster, and when it was read. */
    record Known(String text, Instant readAt) {}

    private final JobEngines engines;
    private final StateChanges changes;
    private final Clock clock;
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final Set<String> reading = ConcurrentHashMap.newKeySet();
    private final ThreadPoolTaskExecutor readers = new ThreadPoolTaskExecutor();

    ClusterVersions(JobEngines engines, StateChanges changes, Clock clock) {
        this.engines = engines;
        this.changes = changes;
        this.clock = clock;
        readers.setCorePoolSize(4);
        readers.setMaxPoolSize(4);
        readers.setQueueCapacity(1000);
        readers.setAllowCoreThreadTimeOut(true);
        readers.setDaemon(true);
        readers.setThreadNamePrefix("cluster-version-");
        readers.initialize();
    }

    /** The version text by workspace id, as last read; "checking…" for a cluster being read the first time. */
    public Map<Long, String> describe(Collection<WorkspaceDetails> workspaces) {
        Map<Long, String> texts = new HashMap<>();
        Map<String, List<Long>> byCluster = new HashMap<>();
        for (WorkspaceDetails workspace : workspaces) {
            FlinkEngine engine;
            try {
                engine = engines.of(workspace);
            } catch (EngineUnavailableException disabled) {
                texts.put(workspace.id(), "embedded engine off");
                continue;
            }
            String url = engine.restUrl().toString();
            byCluster.computeIfAbsent(url, u -> new java.util.ArrayList<>()).add(workspace.id());
            Known seen = known.get(url);
            texts.put(workspace.id(), seen == null ? "checking…" : seen.text());
            if (seen == null || seen.readAt().plus(FRESH_FOR).isBefore(clock.instant())) {
                readInBackground(url, engine, byCluster.get(url));
            }
        }
        return texts;
    }

    private void readInBackground(String url, FlinkEngine engine, List<Long> workspaceIds) {
        if (!reading.add(url)) {
            return;
        }
        List<Long> toTell = List.copyOf(workspaceIds);
        try {
            readers.execute(() -> {
                try {
                    known.put(url, new Known(read(engine), clock.instant()));
                } finally {
                    reading.remove(url);
                }
                toTell.forEach(id -> changes.publish(id, null, StateChange.Kind.JOB));
            });
        } catch (RejectedExecutionException busy) {
            reading.remove(url); // read at the next refresh
        }
    }

    private static String read(FlinkEngine engine) {
        try {
            return "Flink " + engine.version();
        } catch (EngineUnavailableException | EngineRejectedException e) {
            return "unreachable";
        }
    }

    @Override
    public void destroy() {
        readers.shutdown();
    }
}

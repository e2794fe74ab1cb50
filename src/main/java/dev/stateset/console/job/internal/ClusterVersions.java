package dev.stateset.console.job.internal;

import dev.stateset.console.base.OneTaskPerKey;
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
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.DisposableBean;
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
    private final OneTaskPerKey<String> readers = new OneTaskPerKey<>("cluster-version-", 4, 1000);

    ClusterVersions(JobEngines engines, StateChanges changes, Clock clock) {
        this.engines = engines;
        this.changes = changes;
        this.clock = clock;
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

    /** Skipped while the cluster is being read, or when too many are: read at the next refresh. */
    private void readInBackground(String url, FlinkEngine engine, List<Long> workspaceIds) {
        List<Long> toTell = List.copyOf(workspaceIds);
        readers.runUnlessBusy(url, () -> {
            known.put(url, new Known(read(engine), clock.instant()));
            toTell.forEach(id -> changes.publish(id, null, StateChange.Kind.JOB));
        });
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

package dev.stateset.console.bench;

import dev.stateset.console.engine.CheckpointConfiguration;
import dev.stateset.console.engine.CheckpointStatistics;
import dev.stateset.console.engine.EngineJob;
import dev.stateset.console.engine.FlinkEngine;
import dev.stateset.console.engine.JobLaunch;
import dev.stateset.console.engine.SavepointRequest;
import dev.stateset.console.engine.SavepointStatus;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Flink that answers at once and remembers when each savepoint was triggered (by the console's clock): the scheduler
 * benchmark measures the console, not Flink. Every job it is asked about is RUNNING; every savepoint completes.
 */
final class FakeFlinkEngine implements FlinkEngine {

    final Map<String, Instant> triggeredAt = new ConcurrentHashMap<>();
    private final Map<String, String> locations = new ConcurrentHashMap<>();
    final Set<String> runningJobs = ConcurrentHashMap.newKeySet();
    private final Clock clock;

    FakeFlinkEngine(Clock clock) {
        this.clock = clock;
    }

    @Override
    public URI restUrl() {
        return URI.create("http://fake-flink:8081/");
    }

    @Override
    public String version() {
        return "2.1.1";
    }

    @Override
    public List<EngineJob> listJobs() {
        return runningJobs.stream()
                .map(id -> new EngineJob(id, "bench", "RUNNING", Instant.EPOCH, true))
                .toList();
    }

    @Override
    public String triggerCheckpoint(String engineJobId, boolean full) {
        throw new UnsupportedOperationException("not benchmarked");
    }

    @Override
    public Optional<Long> checkpointTriggerStatus(String engineJobId, String triggerId) {
        throw new UnsupportedOperationException("not benchmarked");
    }

    @Override
    public List<dev.stateset.console.engine.ClusterJar> listJars() {
        return List.of();
    }

    @Override
    public Optional<EngineJob> findJob(String engineJobId) {
        return Optional.of(new EngineJob(engineJobId, "bench", "RUNNING", Instant.EPOCH, true));
    }

    @Override
    public String startJob(JobLaunch launch) {
        throw new UnsupportedOperationException("the scheduler benchmark starts no jobs");
    }

    @Override
    public void triggerSavepoint(String engineJobId, SavepointRequest request) {
        triggeredAt.putIfAbsent(request.triggerId(), clock.instant());
        locations.put(
                request.triggerId(),
                request.targetDirectory() + "/savepoint-" + request.triggerId().substring(0, 8));
    }

    @Override
    public void stopWithSavepoint(String engineJobId, SavepointRequest request, boolean drain) {
        triggerSavepoint(engineJobId, request);
    }

    @Override
    public SavepointStatus savepointStatus(String engineJobId, String triggerId) {
        String location = locations.get(triggerId);
        return location == null ? SavepointStatus.failed("unknown trigger") : SavepointStatus.completed(location);
    }

    @Override
    public void cancel(String engineJobId) {}

    @Override
    public CheckpointStatistics checkpointStatistics(String engineJobId) {
        return new CheckpointStatistics(
                new CheckpointStatistics.Counts(0, 0, 0, 0, 0), Optional.empty(), Optional.empty(), List.of());
    }

    @Override
    public CheckpointConfiguration checkpointConfiguration(String engineJobId) {
        return new CheckpointConfiguration(
                "EXACTLY_ONCE",
                Duration.ofMinutes(1),
                Duration.ofMinutes(10),
                Duration.ZERO,
                1,
                "hashmap",
                "filesystem",
                true);
    }

    @Override
    public void disposeSavepoint(String savepointPath) {}

    @Override
    public Optional<String> failureCause(String engineJobId) {
        return Optional.empty();
    }
}

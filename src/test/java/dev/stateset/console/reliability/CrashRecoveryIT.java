package dev.stateset.console.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stateset.console.support.ApiClient;
import dev.stateset.console.support.Await;
import dev.stateset.console.support.PackagedConsole;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A power cut, as near as a test gets: the packaged console on its default configuration (H2 file database, embedded
 * Flink, local storage, all under its working directory) is killed with SIGKILL right after it acknowledged writes, then
 * started again on the same directory, three times. Nothing acknowledged may be lost, and every snapshot that was in
 * flight must end as what it really is: COMPLETED when its savepoint was written whole, otherwise FAILED with its
 * partial files gone, so that no snapshot directory is left without an owner.
 */
class CrashRecoveryIT {

    static final String ADMIN = "admin:crash-admin-password-1";
    static final int KILL_RUNS = 3;
    static final int SNAPSHOTS_PER_RUN = 16;

    @Test
    void kill_9_loses_no_acknowledged_write_and_settles_every_snapshot_in_flight() throws Exception {
        try (PackagedConsole console =
                PackagedConsole.prepare("crash-it", "--stateset.bootstrap.admin-password=crash-admin-password-1")) {
            ApiClient api = console.start();
            long ws = api.expect(api.call("GET", "/api/v1/workspaces", ADMIN, null), 200)
                    .get(0)
                    .path("id")
                    .asLong();
            String jobs = "/api/v1/workspaces/" + ws + "/jobs";
            Map<Long, String> acknowledged = new LinkedHashMap<>();
            List<String> figures = new ArrayList<>();

            for (int run = 1; run <= KILL_RUNS; run++) {
                long job = runningKeyedCounter(api, jobs);
                String snapshots = jobs + "/" + job + "/snapshots";
                // A policy change (every field differs per run) and a burst of snapshots, all acknowledged, then
                // SIGKILL at once.
                String policy = "{\"creationEnabled\":false,\"cronExpression\":\"" + run
                        + " 3 * * *\",\"format\":\"NATIVE\",\"spreadMinutes\":" + run
                        + ",\"cleanupEnabled\":false,\"keepCount\":" + (20 + run) + ",\"retentionValue\":" + (30 + run)
                        + ",\"retentionUnit\":\"DAYS\",\"blackoutWindows\":\"\"}";
                api.expect(api.call("PUT", jobs + "/" + job + "/policy", ADMIN, policy), 200);
                List<Long> thisRun = new ArrayList<>();
                for (int i = 0; i < SNAPSHOTS_PER_RUN; i++) {
                    long id = api.expect(
                                    api.call(
                                            "POST",
                                            snapshots,
                                            ADMIN,
                                            "{\"format\":\"CANONICAL\",\"description\":\"crash run " + run + "\"}"),
                                    202)
                            .path("id")
                            .asLong();
                    acknowledged.put(id, snapshots);
                    thisRun.add(id);
                }
                console.kill();

                api = console.start();
                ApiClient after = api;
                JsonNode saved = api.expect(api.call("GET", jobs + "/" + job + "/policy", ADMIN, null), 200)
                        .path("settings");
                assertThat(saved.path("cronExpression").asText())
                        .as("policy PUT of run %d survived the kill", run)
                        .isEqualTo(run + " 3 * * *");
                assertThat(saved.path("keepCount").asInt()).isEqualTo(20 + run);
                assertThat(saved.path("spreadMinutes").asInt()).isEqualTo(run);
                assertThat(saved.path("format").asText()).isEqualTo("NATIVE");

                int completed = 0;
                int failed = 0;
                for (Map.Entry<Long, String> ack : acknowledged.entrySet()) {
                    String path = ack.getValue() + "/" + ack.getKey();
                    JsonNode settled = Await.until(
                            Duration.ofSeconds(120),
                            "snapshot " + ack.getKey() + " to settle after the restart",
                            () -> after.expect(after.call("GET", path, ADMIN, null), 200),
                            s -> !s.path("status").asText().equals("IN_PROGRESS"));
                    if (!thisRun.contains(ack.getKey())) {
                        continue;
                    }
                    switch (settled.path("status").asText()) {
                        case "COMPLETED" -> {
                            completed++;
                            assertThat(settled.path("sizeBytes").asLong())
                                    .as("size of %s", settled)
                                    .isPositive();
                            assertThat(localPath(settled.path("location").asText())
                                            .resolve("_metadata"))
                                    .as("savepoint of %s", settled)
                                    .isRegularFile();
                        }
                        case "FAILED" -> {
                            failed++;
                            assertThat(settled.path("failureCause").asText())
                                    .as("a plain reason, not Flink's exception: %s", settled)
                                    .doesNotContain("Exception")
                                    .contains("Take a new snapshot");
                        }
                        default -> throw new AssertionError("unexpected outcome " + settled);
                    }
                }
                JsonNode audit = api.expect(
                        api.call("GET", "/api/v1/audit-events?action=snapshot.create&size=200", ADMIN, null), 200);
                Set<Long> audited = new HashSet<>();
                audit.path("items")
                        .forEach(e ->
                                audited.add(Long.parseLong(e.path("targetId").asText())));
                assertThat(audited)
                        .as("an audit row for every acknowledged snapshot")
                        .containsAll(acknowledged.keySet());
                assertThat(unownedSnapshotDirectories(api, acknowledged, console.workDir()))
                        .as("snapshot directories no COMPLETED snapshot owns (orphans)")
                        .isEmpty();
                figures.add("run " + run + ": " + thisRun.size() + " acknowledged, 0 lost, " + completed
                        + " COMPLETED, " + failed + " FAILED");
            }
            System.out.println("Crash recovery (kill -9): " + String.join("; ", figures));
        }
    }

    private static long runningKeyedCounter(ApiClient api, String jobs) {
        return Await.until(
                Duration.ofSeconds(120),
                "keyed-counter RUNNING on the console's embedded Flink",
                () -> {
                    for (JsonNode j : api.expect(api.call("GET", jobs, ADMIN, null), 200)) {
                        if (j.path("name").asText().equals("keyed-counter")
                                && j.path("status").asText().equals("RUNNING")) {
                            return j.path("id").asLong();
                        }
                    }
                    return -1L;
                },
                id -> id > 0);
    }

    /** What the orphan report lists: directories under the snapshot storage that no COMPLETED snapshot's savepoint is in. */
    private static List<String> unownedSnapshotDirectories(ApiClient api, Map<Long, String> acknowledged, Path workDir)
            throws IOException {
        Set<Path> owned = new HashSet<>();
        for (Map.Entry<Long, String> ack : acknowledged.entrySet()) {
            JsonNode s = api.expect(api.call("GET", ack.getValue() + "/" + ack.getKey(), ADMIN, null), 200);
            if (s.path("status").asText().equals("COMPLETED")) {
                owned.add(localPath(s.path("location").asText()).getParent());
            }
        }
        Path snapshots = workDir.resolve("data/storage/snapshots");
        List<String> unowned = new ArrayList<>();
        if (Files.isDirectory(snapshots)) {
            try (Stream<Path> dirs = Files.walk(snapshots, 3)) {
                dirs.filter(p -> snapshots.relativize(p).getNameCount() == 3 && Files.isDirectory(p))
                        .filter(p -> !owned.contains(p.toAbsolutePath().normalize()))
                        .forEach(p -> unowned.add(p.toString()));
            }
        }
        return unowned;
    }

    private static Path localPath(String location) {
        return Path.of(URI.create(location)).toAbsolutePath().normalize();
    }
}

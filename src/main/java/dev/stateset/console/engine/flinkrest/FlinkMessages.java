package dev.stateset.console.engine.flinkrest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stateset.console.engine.JobLaunch;
import java.util.List;
import java.util.Map;

/**
 * The parts of Flink's REST API (v1, the same in 1.20 and 2.x) that the console sends and reads, as records. Every
 * answer ignores fields the console does not read, so a newer Flink that adds some is read the same way.
 */
final class FlinkMessages {

    private FlinkMessages() {}

    // Requests

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record JarRunRequest(
            String entryClass,
            int parallelism,
            List<String> programArgsList,
            Map<String, String> flinkConfiguration,
            String savepointPath,
            Boolean allowNonRestoredState,
            String claimMode,
            /** What Flink 1.20 reads for claimMode (2.x still reads it, with a deprecation warning per start). */
            String restoreMode) {

        /** The restore mode under the name the cluster's version reads: {@code restoreMode} on 1.x, else {@code claimMode}. */
        static JarRunRequest of(JobLaunch launch, String flinkVersion) {
            JobLaunch.Restore restore = launch.restore();
            String mode = restore == null ? null : restore.claimMode().name();
            boolean oneDotX = flinkVersion.startsWith("1.");
            return new JarRunRequest(
                    launch.entryClass(),
                    launch.parallelism(),
                    launch.programArgs(),
                    launch.configuration(),
                    restore == null ? null : restore.path(),
                    restore == null ? null : restore.allowNonRestoredState(),
                    oneDotX ? null : mode,
                    oneDotX ? mode : null);
        }
    }

    record SavepointTriggerRequest(
            @JsonProperty("target-directory") String targetDirectory,
            @JsonProperty("cancel-job") boolean cancelJob,
            String formatType,
            String triggerId) {}

    record StopWithSavepointRequest(String targetDirectory, boolean drain, String formatType, String triggerId) {}

    record SavepointDisposalRequest(
            @JsonProperty("savepoint-path") String savepointPath) {}

    // Answers

    /** {@code GET /config}: the web UI's configuration, which names the cluster's version. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record DashboardConfig(@JsonProperty("flink-version") String flinkVersion) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record JobsOverview(List<JobOverview> jobs) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record JobOverview(
            String jid,
            String name,
            String state,
            @JsonProperty("start-time") long startTime,
            Tasks tasks) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Tasks(int total, int running, int finished) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record JobDetail(
            String jid,
            String name,
            String state,
            @JsonProperty("start-time") long startTime,
            List<Vertex> vertices) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Vertex(String status) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record JarRunResponse(String jobid) {}

    /** {@code GET /jars}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record JarList(List<JarFile> files) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record JarFile(String id, String name, long uploaded, List<JarEntry> entry) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record JarEntry(String name) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record JarUploadResponse(String filename) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TriggerResponse(@JsonProperty("request-id") String requestId) {}

    /** An asynchronous operation (savepoint, stop, disposal): IN_PROGRESS, or COMPLETED with a location or a failure. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AsyncOperation(Status status, Operation operation) {

        boolean completed() {
            return status != null && "COMPLETED".equals(status.id());
        }

        /** Flink's serialized exception, or null. */
        JsonNode failureCause() {
            return operation == null
                            || operation.failureCause() == null
                            || operation.failureCause().isNull()
                    ? null
                    : operation.failureCause();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Status(String id) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Operation(
            String location, @JsonProperty("failure-cause") JsonNode failureCause, Long checkpointId) {}

    /** {@code POST /jobs/:id/checkpoints}: FULL, INCREMENTAL or CONFIGURED. */
    record CheckpointTriggerRequest(String checkpointType) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CheckpointingStatistics(Counts counts, Summary summary, Latest latest, List<Checkpoint> history) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Counts(
            long total, @JsonProperty("in_progress") long inProgress, long completed, long failed, long restored) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Summary(
            @JsonProperty("end_to_end_duration") Stats endToEndDuration,
            @JsonProperty("state_size") Stats stateSize,
            @JsonProperty("checkpointed_size") Stats checkpointedSize) {}

    /** Flink's StatsSummaryDto; absent figures are 0. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Stats(long min, double avg, long max, double p95) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Latest(Checkpoint completed, Checkpoint failed, Restored restored) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Restored(
            long id,
            @JsonProperty("is_savepoint") boolean savepoint,
            @JsonProperty("external_path") String externalPath) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Checkpoint(
            long id,
            String status,
            @JsonProperty("is_savepoint") boolean savepoint,
            @JsonProperty("trigger_timestamp") long triggerTimestamp,
            @JsonProperty("latest_ack_timestamp") long latestAckTimestamp,
            @JsonProperty("failure_timestamp") Long failureTimestamp,
            @JsonProperty("end_to_end_duration") Long endToEndDuration,
            @JsonProperty("checkpointed_size") long checkpointedSize,
            @JsonProperty("state_size") long stateSize,
            @JsonProperty("external_path") String externalPath,
            @JsonProperty("failure_message") String failureMessage) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CheckpointConfig(
            String mode,
            long interval,
            long timeout,
            @JsonProperty("min_pause") long minPause,
            @JsonProperty("max_concurrent") int maxConcurrent,
            @JsonProperty("state_backend") String stateBackend,
            @JsonProperty("checkpoint_storage") String checkpointStorage,
            Externalization externalization) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Externalization(
            boolean enabled,
            @JsonProperty("delete_on_cancellation") boolean deleteOnCancellation) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record JobExceptions(@JsonProperty("root-exception") String rootException, ExceptionHistory exceptionHistory) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ExceptionHistory(List<ExceptionEntry> entries) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ExceptionEntry(String exceptionName, String stacktrace) {}

    /** Flink's error answer. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Errors(List<String> errors) {}
}

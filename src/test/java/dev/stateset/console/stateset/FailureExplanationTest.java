package dev.stateset.console.stateset;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Stage 10, item 4: failure causes as an operator meets them (raw texts from Flink, S3 and the worker) in plain words. */
class FailureExplanationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            java.nio.file.FileAlreadyExistsException: /data/snapshots/ws-1/job-3/snapshot-9 | a file already exists where its directory must go
            java.io.IOException: Failed to create savepoint directory at file:/x/snapshot-3 | a file already exists where its directory must go
            software.amazon.awssdk.services.s3.model.S3Exception: Access Denied (Service: S3, Status Code: 403) | permission denied
            java.nio.file.AccessDeniedException: /data/snapshots/ws-1 | permission denied
            Timed out: the savepoint did not complete within 10 min (stateset.engine.savepoint-timeout) | did not finish in time
            Checkpoint expired before completing. | did not finish in time
            Flink at http://flink:8081 did not answer within 10 s | could not be reached
            java.net.ConnectException: Connection refused | could not be reached
            Flink no longer has the job's run 4d59 (its cluster restarted, or the run ended); take a new snapshot once the job runs again | was not running
            org.apache.flink.runtime.checkpoint.CheckpointException: Not all required tasks are currently running. | was not running
            org.apache.flink.runtime.checkpoint.CheckpointException: Checkpoint was declined (tasks not ready) | declined it
            """)
    void recognises_what_operators_meet(String raw, String expected) {
        FailureExplanation explanation = FailureExplanation.of(raw);
        assertThat(explanation.headline()).contains(expected);
        assertThat(explanation.advice()).isNotBlank();
        assertThat(explanation.raw()).isEqualTo(raw);
        assertThat(explanation.headline()).doesNotContain("Exception").doesNotContain("java.");
    }

    @Test
    void anything_else_is_its_first_line_without_java_class_names() {
        FailureExplanation explanation =
                FailureExplanation.of("java.util.concurrent.CompletionException: java.lang.IllegalStateException: "
                        + "the operator uid changed\n\tat org.apache.flink.Foo.bar(Foo.java:1)");
        assertThat(explanation.headline()).isEqualTo("The operator uid changed");
        assertThat(explanation.advice()).isNull();
        assertThat(FailureExplanation.of(null)).isNull();
        assertThat(FailureExplanation.of("  ")).isNull();
    }
}

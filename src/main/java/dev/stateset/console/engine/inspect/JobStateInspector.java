package dev.stateset.console.engine.inspect;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.client.program.PackagedProgram;
import org.apache.flink.client.program.PackagedProgramUtils;
import org.apache.flink.client.program.ProgramInvocationException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.runtime.OperatorIDPair;
import org.apache.flink.runtime.checkpoint.CheckpointProperties;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.SavepointType;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.springframework.stereotype.Component;

/**
 * Reads, without any cluster, which operators a savepoint holds state for (from its {@code _metadata}) and which
 * operators a job has (by building its job graph from the jar, as Flink's client does). Comparing both tells before a
 * restore whose state would be dropped.
 */
@Component
public class JobStateInspector {

    /** An operator with state in a snapshot. */
    public record SnapshotOperator(String operatorId, String uid, String name) {}

    /** An operator of a job's graph. */
    public record JobOperator(String operatorId, String uid, String vertexName) {}

    /**
     * What a snapshot's {@code _metadata} says.
     *
     * @param savepoint  false for a retained checkpoint
     * @param formatType CANONICAL or NATIVE for a savepoint (a checkpoint is NATIVE); null when the metadata is too old
     *                   to say
     */
    public record SnapshotMetadata(
            long checkpointId, boolean savepoint, String formatType, List<SnapshotOperator> operators) {}

    /**
     * Reads the snapshot's {@code _metadata} with Flink's own reader.
     *
     * @throws IllegalStateException when there is none, or it cannot be read
     */
    public SnapshotMetadata metadata(String location) {
        try {
            CheckpointMetadata checkpoint =
                    SnapshotFiles.metadata(location, getClass().getClassLoader());
            List<SnapshotOperator> operators = new ArrayList<>();
            for (OperatorState state : checkpoint.getOperatorStates()) {
                boolean hasState = state.getStates().stream().anyMatch(OperatorSubtaskState::hasState)
                        || state.getCoordinatorState() != null;
                if (hasState) {
                    operators.add(new SnapshotOperator(
                            state.getOperatorID().toHexString(),
                            state.getOperatorUid().orElse(null),
                            state.getOperatorName().orElse(null)));
                }
            }
            CheckpointProperties properties = checkpoint.getCheckpointProperties();
            boolean savepoint = properties != null && properties.isSavepoint();
            String format = properties == null
                    ? null
                    : properties.getCheckpointType() instanceof SavepointType type
                            ? type.getFormatType().name()
                            : "NATIVE";
            return new SnapshotMetadata(checkpoint.getCheckpointId(), savepoint, format, operators);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "Cannot read the snapshot metadata at " + new org.apache.flink.core.fs.Path(location, "_metadata")
                            + ": " + e.getMessage(),
                    e);
        }
    }

    /** Total bytes of the files under the location, through Flink's file systems (local disk, S3…). */
    public long sizeOf(String location) {
        try {
            org.apache.flink.core.fs.Path root = new org.apache.flink.core.fs.Path(location);
            return sizeOf(root.getFileSystem(), root);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list " + location + ": " + e.getMessage(), e);
        }
    }

    private static long sizeOf(FileSystem fs, org.apache.flink.core.fs.Path path) throws IOException {
        long total = 0;
        for (FileStatus status : fs.listStatus(path)) {
            total += status.isDir() ? sizeOf(fs, status.getPath()) : status.getLen();
        }
        return total;
    }

    /** The operators of the job the jar builds with these arguments. */
    public List<JobOperator> jobOperators(Path jar, String entryClass, List<String> args, int parallelism) {
        try {
            PackagedProgram program = PackagedProgram.newBuilder()
                    .setJarFile(jar.toFile())
                    .setEntryPointClassName(entryClass)
                    .setArguments(args.toArray(String[]::new))
                    .build();
            try {
                JobGraph graph = PackagedProgramUtils.createJobGraph(program, new Configuration(), parallelism, true);
                List<JobOperator> operators = new ArrayList<>();
                for (JobVertex vertex : graph.getVertices()) {
                    for (OperatorIDPair pair : vertex.getOperatorIDs()) {
                        operators.add(new JobOperator(
                                pair.getGeneratedOperatorID().toHexString(),
                                pair.getUserDefinedOperatorUid(),
                                vertex.getName()));
                        pair.getUserDefinedOperatorID()
                                .ifPresent(id -> operators.add(new JobOperator(
                                        id.toHexString(), pair.getUserDefinedOperatorUid(), vertex.getName())));
                    }
                }
                return operators;
            } finally {
                program.close();
            }
        } catch (ProgramInvocationException e) {
            throw new IllegalStateException(
                    "Cannot build the job graph of " + jar.getFileName() + " (" + entryClass + "): " + e.getMessage(),
                    e);
        }
    }
}

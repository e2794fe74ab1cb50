package dev.stateset.console.engine.inspect;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.state.KeyedBackendSerializationProxy;

/** A snapshot's files read with Flink's own readers, on any file system Flink reaches: for this package's readers. */
final class SnapshotFiles {

    private SnapshotFiles() {}

    /** The snapshot's {@code _metadata}: its operators and their state handles. */
    static CheckpointMetadata metadata(String location, ClassLoader loader) throws IOException {
        org.apache.flink.core.fs.Path file = new org.apache.flink.core.fs.Path(location, "_metadata");
        try (FSDataInputStream in = file.getFileSystem().open(file)) {
            return Checkpoints.loadCheckpointMetadata(new DataInputStream(in), loader, location);
        }
    }

    /**
     * The description of a keyed state file (key serializer, each state's name, kind and serializers), read from the
     * start of {@code in}; the stream is left where the state's entries begin.
     */
    static KeyedBackendSerializationProxy<?> keyedProxy(InputStream in, ClassLoader loader) throws IOException {
        KeyedBackendSerializationProxy<?> proxy = new KeyedBackendSerializationProxy<>(loader);
        proxy.read(new DataInputViewStreamWrapper(in));
        return proxy;
    }
}

package dev.stateset.console.engine.embedded.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.api.java.tuple.Tuple2;

/**
 * Keeps the latest value per key and, when a directory is given, rewrites {@code counts-<subtask>.txt} there
 * ("key value" lines) at most once a second and on every checkpoint. It lets a person or a test see that a
 * restored job continues from its saved counts. With no directory it only discards.
 */
public final class LatestCountsSink implements Sink<Tuple2<String, Long>> {

    private final String directory;

    public LatestCountsSink(String directory) {
        this.directory = directory;
    }

    @Override
    public SinkWriter<Tuple2<String, Long>> createWriter(WriterInitContext context) {
        int subtask = context.getTaskInfo().getIndexOfThisSubtask();
        return new Writer(directory.isBlank() ? null : Path.of(directory).resolve("counts-" + subtask + ".txt"));
    }

    private static final class Writer implements SinkWriter<Tuple2<String, Long>> {

        private final Path file;
        private final Map<String, Long> latest = new TreeMap<>();
        private long lastWrite;

        Writer(Path file) {
            this.file = file;
        }

        @Override
        public void write(Tuple2<String, Long> element, Context context) {
            if (file == null) {
                return;
            }
            latest.put(element.f0, element.f1);
            if (System.currentTimeMillis() - lastWrite >= 1000) {
                flush(false);
            }
        }

        @Override
        public void flush(boolean endOfInput) {
            if (file == null || latest.isEmpty()) {
                return;
            }
            StringBuilder text = new StringBuilder();
            latest.forEach((k, v) -> text.append(k).append(' ').append(v).append('\n'));
            try {
                Files.createDirectories(file.getParent());
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            lastWrite = System.currentTimeMillis();
        }

        @Override
        public void close() {
            flush(true);
        }
    }
}

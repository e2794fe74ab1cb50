package dev.stateset.versioned;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * A keyed counter compiled against one Flink version (1.20 LTS through 2.x: only APIs all of them share). Each key's
 * count is in keyed state; the latest counts go to {@code <counts-dir>/counts-0.txt} ("key count" lines) about once a
 * second, so a test sees counts continue after a restore instead of starting again at 1.
 *
 * <p>Arguments: {@code --keys N --rate R --counts-dir DIR}.
 */
public final class VersionedCounterJob {

    private VersionedCounterJob() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> params = new TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            params.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int keys = Integer.parseInt(params.getOrDefault("keys", "3"));
        double rate = Double.parseDouble(params.getOrDefault("rate", "20"));
        String countsDir = params.getOrDefault("counts-dir", "");

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataGeneratorSource<String> source = new DataGeneratorSource<>(
                i -> "key-" + (i % keys), Long.MAX_VALUE, RateLimiterStrategy.perSecond(rate), Types.STRING);
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "events")
                .uid("events")
                .keyBy(key -> key)
                .process(new CountPerKey(countsDir))
                .uid("counter")
                .name("count per key")
                .print()
                .uid("print")
                .name("nothing to print");
        env.execute(params.getOrDefault("name", "versioned-counter"));
    }

    /** Counts per key in keyed state and writes the latest counts; emits nothing. */
    static final class CountPerKey extends KeyedProcessFunction<String, String, String> {

        private final String countsDir;
        private transient ValueState<Long> count;
        private transient Map<String, Long> latest;
        private transient long lastWrite;

        CountPerKey(String countsDir) {
            this.countsDir = countsDir;
        }

        @Override
        public void open(OpenContext openContext) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
            latest = new TreeMap<>();
        }

        @Override
        public void processElement(String key, Context ctx, Collector<String> out) throws Exception {
            long next = (count.value() == null ? 0 : count.value()) + 1;
            count.update(next);
            latest.put(key, next);
            if (!countsDir.isEmpty() && System.currentTimeMillis() - lastWrite >= 1000) {
                write();
                lastWrite = System.currentTimeMillis();
            }
        }

        private void write() {
            StringBuilder text = new StringBuilder();
            latest.forEach((k, v) -> text.append(k).append(' ').append(v).append('\n'));
            try {
                Path file = Path.of(countsDir).resolve("counts-0.txt");
                Files.createDirectories(file.getParent());
                Path tmp = file.resolveSibling("counts-0.txt.tmp");
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

package dev.stateset.console.engine.embedded.demo;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.ParameterTool;

/**
 * Demo job: counts events per key in keyed {@link ValueState}. Stable operator uids ({@code events},
 * {@code counter}, {@code counts-sink}) let a snapshot of this job restore into it, or into another job with the
 * same uids. Arguments: {@code --keys N} (default 10), {@code --rate events/s} (default 20),
 * {@code --counts-dir DIR} (optional: where the latest count per key is written, for checking restores).
 */
public final class KeyedCounterJob {

    public static final String SOURCE_UID = "events";
    public static final String COUNTER_UID = "counter";

    private KeyedCounterJob() {}

    public static void main(String[] args) throws Exception {
        ParameterTool params = ParameterTool.fromArgs(args);
        int keys = params.getInt("keys", 10);
        double rate = params.getDouble("rate", 20);
        String name = params.get("name", "keyed-counter");

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataGeneratorSource<String> source = new DataGeneratorSource<>(
                i -> "key-" + (i % keys), Long.MAX_VALUE, RateLimiterStrategy.perSecond(rate), Types.STRING);
        var counts = env.fromSource(source, WatermarkStrategy.noWatermarks(), "events")
                .uid(SOURCE_UID)
                .keyBy(key -> key)
                .process(new CountPerKey())
                .uid(COUNTER_UID)
                .name("count per key");
        counts.sinkTo(new LatestCountsSink(params.get("counts-dir", "")))
                .uid("counts-sink")
                .name("latest counts");
        env.execute(name);
    }

    /** Emits (key, count so far) for every event. */
    static final class CountPerKey extends KeyedProcessFunction<String, String, Tuple2<String, Long>> {

        private transient ValueState<Long> count;

        @Override
        public void open(OpenContext openContext) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
        }

        @Override
        public void processElement(String key, Context ctx, Collector<Tuple2<String, Long>> out) throws Exception {
            long next = (count.value() == null ? 0 : count.value()) + 1;
            count.update(next);
            out.collect(Tuple2.of(key, next));
        }
    }
}

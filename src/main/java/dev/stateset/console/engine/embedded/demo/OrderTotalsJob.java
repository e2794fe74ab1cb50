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
 * Demo job: sums order amounts per customer in keyed {@link ValueState}. Its operator uids ({@code orders},
 * {@code totals}) differ from {@link KeyedCounterJob}'s, so restoring one from the other's snapshot shows the
 * compatibility check at work.
 */
public final class OrderTotalsJob {

    private OrderTotalsJob() {}

    public static void main(String[] args) throws Exception {
        ParameterTool params = ParameterTool.fromArgs(args);
        int customers = params.getInt("customers", 25);
        double rate = params.getDouble("rate", 10);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataGeneratorSource<Tuple2<String, Long>> source = new DataGeneratorSource<>(
                i -> Tuple2.of("customer-" + (i % customers), 1 + (i * 7919) % 100),
                Long.MAX_VALUE,
                RateLimiterStrategy.perSecond(rate),
                Types.TUPLE(Types.STRING, Types.LONG));
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "orders")
                .uid("orders")
                .keyBy(order -> order.f0)
                .process(new TotalPerCustomer())
                .uid("totals")
                .name("total per customer")
                .sinkTo(new LatestCountsSink(params.get("counts-dir", "")))
                .uid("totals-sink")
                .name("latest totals");
        env.execute(params.get("name", "order-totals"));
    }

    static final class TotalPerCustomer
            extends KeyedProcessFunction<String, Tuple2<String, Long>, Tuple2<String, Long>> {

        private transient ValueState<Long> total;

        @Override
        public void open(OpenContext openContext) {
            total = getRuntimeContext().getState(new ValueStateDescriptor<>("total", Types.LONG));
        }

        @Override
        public void processElement(Tuple2<String, Long> order, Context ctx, Collector<Tuple2<String, Long>> out)
                throws Exception {
            long next = (total.value() == null ? 0 : total.value()) + order.f1;
            total.update(next);
            out.collect(Tuple2.of(order.f0, next));
        }
    }
}

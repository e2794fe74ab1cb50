package dev.stateset.console.engine.inspect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.util.Collector;

/**
 * Runs inside the State Processor API's local job: registers the one state under its own name with the serializers
 * the snapshot described, and emits each key with its value as text. Rendering happens here so only strings leave
 * the job. With {@code onlyKey} only the key whose text matches is marked (true) and carries its value.
 */
final class StateEntryReader<K> extends KeyedStateReaderFunction<K, Tuple3<Boolean, String, String>> {

    private final String kind;
    private final String stateName;
    private final List<TypeSerializer<?>> serializers;
    private final String onlyKey;
    /** 0: values are not rendered and stay here. */
    private final int maxValueChars;

    private transient ValueState<Object> value;
    private transient ListState<Object> list;
    private transient MapState<Object, Object> map;
    private transient StateText text;

    StateEntryReader(
            String kind, String stateName, List<TypeSerializer<?>> serializers, String onlyKey, int maxValueChars) {
        this.kind = kind;
        this.stateName = stateName;
        this.serializers = new ArrayList<>(serializers);
        this.onlyKey = onlyKey;
        this.maxValueChars = maxValueChars;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void open(OpenContext context) {
        text = new StateText(maxValueChars);
        TypeSerializer<Object> first = (TypeSerializer<Object>) serializers.get(0);
        switch (kind) {
            case "LIST" -> list = getRuntimeContext().getListState(new ListStateDescriptor<>(stateName, first));
            case "MAP" ->
                map = getRuntimeContext()
                        .getMapState(new MapStateDescriptor<>(
                                stateName, first, (TypeSerializer<Object>) serializers.get(1)));
            default -> value = getRuntimeContext().getState(new ValueStateDescriptor<>(stateName, first));
        }
    }

    @Override
    public void readKey(K key, Context context, Collector<Tuple3<Boolean, String, String>> out) throws Exception {
        String keyText = text.key(key);
        if (onlyKey != null && !onlyKey.equals(keyText)) {
            // Every key must emit: the State Processor API's input format takes a key without output for the end.
            out.collect(Tuple3.of(false, keyText, null));
            return;
        }
        if (maxValueChars == 0) {
            out.collect(Tuple3.of(true, keyText, null));
            return;
        }
        Object current;
        if (list != null) {
            List<Object> elements = new ArrayList<>();
            Iterable<Object> stored = list.get();
            if (stored != null) {
                stored.forEach(elements::add);
            }
            current = elements;
        } else if (map != null) {
            Map<Object, Object> entries = new LinkedHashMap<>();
            map.entries().forEach(entry -> entries.put(entry.getKey(), entry.getValue()));
            current = entries;
        } else {
            current = value.value();
        }
        out.collect(Tuple3.of(true, keyText, text.value(current)));
    }
}

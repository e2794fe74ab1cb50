package dev.stateset.console.engine.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.api.java.tuple.Tuple;
import org.apache.flink.types.Row;

/**
 * A state's keys and values as a person reads them: scalars as they are (a String key is its text, so a lookup types
 * what the page shows), everything else as JSON — a POJO by its fields, a Row by its field names or else positions (a
 * snapshot keeps a Row's field types, not its names), a tuple or list as an array, map state as an object of its keys'
 * text.
 */
final class StateText {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Keys longer than this are cut (and cannot be looked up by their text). */
    static final int MAX_KEY_CHARS = 1000;

    private final int maxValueChars;

    StateText(int maxValueChars) {
        this.maxValueChars = maxValueChars;
    }

    String key(Object key) {
        return cut(text(key), MAX_KEY_CHARS);
    }

    String value(Object value) {
        return cut(value == null ? "null" : text(value), maxValueChars);
    }

    /** Scalars as they are, the rest as JSON. */
    private static String text(Object value) {
        return scalar(value) ? String.valueOf(value) : node(value).toString();
    }

    private static boolean scalar(Object value) {
        return value instanceof CharSequence
                || value instanceof Number
                || value instanceof Boolean
                || value instanceof Character
                || value instanceof Enum<?>;
    }

    private static JsonNode node(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof CharSequence || value instanceof Character || value instanceof Enum<?>) {
            return NODES.textNode(value.toString());
        }
        if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        if (value instanceof BigDecimal || value instanceof BigInteger || value instanceof Number) {
            return JSON.valueToTree(value);
        }
        if (value instanceof Row row) {
            return row(row);
        }
        if (value instanceof Tuple tuple) {
            ArrayNode fields = NODES.arrayNode();
            for (int i = 0; i < tuple.getArity(); i++) {
                fields.add(node(tuple.getField(i)));
            }
            return fields;
        }
        if (value instanceof Iterable<?> items) {
            ArrayNode array = NODES.arrayNode();
            items.forEach(item -> array.add(node(item)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((k, v) -> object.set(k == null ? "null" : text(k), node(v)));
            return object;
        }
        if (value.getClass().isArray()) {
            ArrayNode array = NODES.arrayNode();
            for (int i = 0; i < Array.getLength(value); i++) {
                array.add(node(Array.get(value, i)));
            }
            return array;
        }
        return pojo(value);
    }

    private static JsonNode row(Row row) {
        Set<String> names = row.getFieldNames(true);
        if (names == null) {
            ArrayNode fields = NODES.arrayNode();
            for (int i = 0; i < row.getArity(); i++) {
                fields.add(node(row.getField(i)));
            }
            return fields;
        }
        ObjectNode fields = NODES.objectNode();
        names.forEach(name -> fields.set(name, node(row.getField(name))));
        return fields;
    }

    /**
     * A POJO by the fields Flink's PojoSerializer writes: every non-static, non-transient one, up the hierarchy, by name
     * (the serializer's order too).
     */
    private static JsonNode pojo(Object value) {
        Map<String, Field> byName = new TreeMap<>();
        for (Class<?> type = value.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers)) {
                    byName.putIfAbsent(field.getName(), field);
                }
            }
        }
        ObjectNode fields = NODES.objectNode();
        byName.forEach((name, field) -> {
            try {
                field.setAccessible(true);
                fields.set(name, node(field.get(value)));
            } catch (ReflectiveOperationException | RuntimeException e) {
                fields.put(name, "(unreadable)");
            }
        });
        return fields;
    }

    private static String cut(String text, int maxChars) {
        return text.length() <= maxChars
                ? text
                : text.substring(0, maxChars) + "… (" + (text.length() - maxChars) + " more characters)";
    }
}

package dev.stateset.console.engine.inspect;

import dev.stateset.console.engine.inspect.KeyedStateBrowser.NotBrowsableException;
import java.lang.reflect.Field;
import java.util.List;
import org.apache.flink.api.common.typeutils.CompositeTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.EnumSerializer;
import org.apache.flink.api.common.typeutils.base.ListSerializer;
import org.apache.flink.api.common.typeutils.base.MapSerializer;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;

/**
 * Which types the state browser reads: what Flink rebuilds from a snapshot without the job's code paths that made
 * them — primitives, String, enums, POJOs, Rows, tuples, arrays, lists and maps of those. Kryo-serialized types are
 * refused by name: Kryo's bytes carry no schema the console could trust.
 */
final class BrowsableTypes {

    private BrowsableTypes() {}

    /** @throws NotBrowsableException naming the first type inside {@code serializer} that the browser cannot read */
    static void check(String role, TypeSerializer<?> serializer) {
        if (serializer instanceof KryoSerializer<?>) {
            throw new NotBrowsableException("The " + role + " type is serialized with Kryo (a generic type): not"
                    + " browsable (primitives, String, POJOs and Rows are)");
        }
        if (serializer.getClass().getSimpleName().startsWith("Ttl")) {
            throw new NotBrowsableException("State with a time-to-live is not browsable yet");
        }
        if (serializer instanceof PojoSerializer<?>) {
            for (TypeSerializer<?> field : pojoFields(serializer)) {
                check(role, field);
            }
            return;
        }
        if (serializer instanceof EnumSerializer<?>) {
            return;
        }
        TypeSerializerSnapshot<?> snapshot = serializer.snapshotConfiguration();
        if (snapshot instanceof SimpleTypeSerializerSnapshot<?>) {
            return; // String, boxed primitives, primitive arrays…
        }
        if (snapshot instanceof CompositeTypeSerializerSnapshot<?, ?> composite) {
            for (TypeSerializerSnapshot<?> nested : composite.getNestedSerializerSnapshots()) {
                check(role, nested.restoreSerializer());
            }
            return;
        }
        throw new NotBrowsableException("The " + role + " type is written by "
                + serializer.getClass().getSimpleName() + ": not browsable (primitives, String, POJOs and Rows are)");
    }

    static TypeSerializer<?> listElement(TypeSerializer<?> value) {
        if (value instanceof ListSerializer<?> list) {
            return list.getElementSerializer();
        }
        throw new NotBrowsableException(
                "List state written by " + value.getClass().getSimpleName() + " is not browsable");
    }

    static List<TypeSerializer<?>> mapKeyAndValue(TypeSerializer<?> value) {
        if (value instanceof MapSerializer<?, ?> map) {
            return List.of(map.getKeySerializer(), map.getValueSerializer());
        }
        throw new NotBrowsableException(
                "Map state written by " + value.getClass().getSimpleName() + " is not browsable");
    }

    /** PojoSerializer keeps its field serializers private; reading them is the only way to find a Kryo field. */
    private static TypeSerializer<?>[] pojoFields(TypeSerializer<?> pojo) {
        try {
            Field fields = PojoSerializer.class.getDeclaredField("fieldSerializers");
            fields.setAccessible(true);
            return (TypeSerializer<?>[]) fields.get(pojo);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new NotBrowsableException("The POJO's fields cannot be inspected: " + e.getMessage());
        }
    }
}

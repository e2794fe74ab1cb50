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
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.runtime.state.metainfo.StateMetaInfoSnapshot;
import org.apache.flink.runtime.state.metainfo.StateMetaInfoSnapshot.CommonSerializerKeys;

/**
 * Which types the state browser reads: what Flink rebuilds from a snapshot without the job's code paths that made
 * them — primitives, String, enums, POJOs, Rows, tuples, arrays, lists and maps of those. Kryo-serialized types are
 * refused by name: Kryo's bytes carry no schema the console could trust.
 */
final class BrowsableTypes {

    private BrowsableTypes() {}

    /** A browsable state's types: the key's serializer and the state's (element for list, key and value for map). */
    record StateTypes(String kind, TypeSerializer<?> key, List<TypeSerializer<?>> serializers) {}

    /**
     * The types of a keyed state, rebuilt from its serializer snapshots and checked.
     *
     * @throws NotBrowsableException saying why the browser cannot read this state
     */
    static StateTypes of(StateMetaInfoSnapshot meta, TypeSerializerSnapshot<?> keySnapshot) {
        if (meta.getBackendStateType() != StateMetaInfoSnapshot.BackendStateType.KEY_VALUE) {
            throw new NotBrowsableException(
                    meta.getBackendStateType() == StateMetaInfoSnapshot.BackendStateType.PRIORITY_QUEUE
                            ? "Timers are not browsable; keyed value, list and map state are"
                            : "Operator state is not browsable; keyed value, list and map state are");
        }
        String kind = meta.getOption(StateMetaInfoSnapshot.CommonOptionsKeys.KEYED_STATE_TYPE);
        if (!List.of("VALUE", "LIST", "MAP").contains(kind)) {
            throw new NotBrowsableException(
                    (kind == null ? "This" : kind) + " state is not browsable; value, list and map state are");
        }
        TypeSerializer<?> namespace =
                restore(meta.getTypeSerializerSnapshot(CommonSerializerKeys.NAMESPACE_SERIALIZER));
        if (!(namespace instanceof VoidNamespaceSerializer)) {
            throw new NotBrowsableException("State kept per window or namespace is not browsable");
        }
        TypeSerializer<?> key = restore(keySnapshot);
        TypeSerializer<?> value = restore(meta.getTypeSerializerSnapshot(CommonSerializerKeys.VALUE_SERIALIZER));
        List<TypeSerializer<?>> serializers = switch (kind) {
            case "LIST" -> List.of(listElement(value));
            case "MAP" -> mapKeyAndValue(value);
            default -> List.of(value);
        };
        check("key", key);
        serializers.forEach(s -> check("value", s));
        return new StateTypes(kind, key, serializers);
    }

    /** Why the browser cannot read this state (operator state and timers included), or null when it can. */
    static String whyNot(StateMetaInfoSnapshot meta, TypeSerializerSnapshot<?> keySnapshot) {
        try {
            of(meta, keySnapshot);
            return null;
        } catch (NotBrowsableException e) {
            return e.getMessage();
        }
    }

    private static TypeSerializer<?> restore(TypeSerializerSnapshot<?> snapshot) {
        if (snapshot == null) {
            throw new NotBrowsableException("The snapshot does not describe this state's types");
        }
        try {
            return snapshot.restoreSerializer();
        } catch (RuntimeException e) {
            throw new NotBrowsableException("The state's types cannot be rebuilt here ("
                    + KeyedStateBrowser.rootMessage(e) + "); is the job's jar still known to the console?");
        }
    }

    /** @throws NotBrowsableException naming the first type inside {@code serializer} that the browser cannot read */
    private static void check(String role, TypeSerializer<?> serializer) {
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

    private static TypeSerializer<?> listElement(TypeSerializer<?> value) {
        if (value instanceof ListSerializer<?> list) {
            return list.getElementSerializer();
        }
        throw new NotBrowsableException(
                "List state written by " + value.getClass().getSimpleName() + " is not browsable");
    }

    private static List<TypeSerializer<?>> mapKeyAndValue(TypeSerializer<?> value) {
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

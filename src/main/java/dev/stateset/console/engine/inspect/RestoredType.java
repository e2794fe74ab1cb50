package dev.stateset.console.engine.inspect;

import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * A type known only by the serializer a snapshot describes. The State Processor API asks for the key's type
 * information; the console has no class for it, only the serializer rebuilt from the snapshot, which is exactly
 * compatible with what the snapshot holds.
 */
final class RestoredType<T> extends TypeInformation<T> {

    private final TypeSerializer<T> serializer;

    @SuppressWarnings("unchecked")
    RestoredType(TypeSerializer<?> serializer) {
        this.serializer = (TypeSerializer<T>) serializer;
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Class<T> getTypeClass() {
        return (Class<T>) Object.class;
    }

    @Override
    public boolean isKeyType() {
        return true;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return serializer.duplicate();
    }

    @Override
    public String toString() {
        return "RestoredType(" + serializer + ")";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RestoredType<?> that && serializer.equals(that.serializer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(serializer);
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof RestoredType;
    }
}

package dev.stateset.console.stateset.internal;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Flink trigger ids: 32 lower-case hex characters, the idempotency key of a savepoint request. */
public final class TriggerIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TriggerIds() {}

    public static String random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}

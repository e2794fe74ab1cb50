package dev.stateset.console.stateset;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Flink trigger ids: 32 lower-case hex characters, the idempotency key of a savepoint request. */
public final class TriggerIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TriggerIds() {}

    /** A trigger id that is the same for the same inputs: the idempotency key of a scheduled due time. */
    public static String derived(String key) {
        try {
            return HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("MD5")
                            .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}

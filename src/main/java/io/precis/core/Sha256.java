package io.precis.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, the one hash the service uses: article hashes, task keys, the prompt version, API key digests. */
public final class Sha256 {

    /** One digest per thread: looking the algorithm up costs more than hashing a cache key. */
    private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    });

    private Sha256() {
    }

    /** The SHA-256 of a text's UTF-8 bytes, as 64 lowercase hex digits. */
    public static String hex(String text) {
        return HexFormat.of().formatHex(digest(text));
    }

    /** The SHA-256 of a text's UTF-8 bytes. */
    public static byte[] digest(String text) {
        MessageDigest digest = DIGESTS.get();
        digest.reset();
        return digest.digest(text.getBytes(StandardCharsets.UTF_8));
    }
}

package io.precis.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, the one hash the service uses: article hashes, task keys, the prompt version, API key digests. */
public final class Sha256 {

    /** One digest per thread, with its buffer: looking the algorithm up costs more than hashing a cache key. */
    private static final ThreadLocal<Hasher> HASHERS = ThreadLocal.withInitial(() -> {
        try {
            return new Hasher(MessageDigest.getInstance("SHA-256"));
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
        return hasher().add(text).digest();
    }

    /** A hash of texts given one after the other, as if they were one: the text is never joined to be hashed. */
    public static Hasher hasher() {
        Hasher hasher = HASHERS.get();
        hasher.digest.reset();
        return hasher;
    }

    /**
     * The SHA-256 of the UTF-8 bytes of the texts added, in order, as if joined (but for a surrogate pair split
     * between two of them). Each thread has one, which {@link #hasher()} starts again: use it at once, on that
     * thread, and hash nothing else meanwhile.
     */
    public static final class Hasher {

        private final MessageDigest digest;
        private final byte[] buffer = new byte[Utf8.BUFFER];
        private final Utf8.Sink sink;

        private Hasher(MessageDigest digest) {
            this.digest = digest;
            this.sink = (bytes, length) -> digest.update(bytes, 0, length);
        }

        /** Adds a text. */
        public Hasher add(String text) {
            return add(text, 0, text.length());
        }

        /** Adds the part of a text from {@code from} to {@code to}. */
        public Hasher add(String text, int from, int to) {
            Utf8.encode(text, from, to, buffer, sink);
            return this;
        }

        /** The hash of what was added. */
        public byte[] digest() {
            return digest.digest();
        }

        /** The hash of what was added, as 64 lowercase hex digits. */
        public String hex() {
            return HexFormat.of().formatHex(digest());
        }
    }
}

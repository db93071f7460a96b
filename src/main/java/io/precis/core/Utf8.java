package io.precis.core;

/**
 * A text's UTF-8 bytes through a buffer of a few kilobytes, for hashes: an article of 50 000 characters hashed
 * through {@code getBytes} is first copied whole into an array of its size, per hash, per request.
 */
public final class Utf8 {

    /** Bytes of a buffer that {@link #encode} fills before giving it to its sink. */
    public static final int BUFFER = 4096;

    /** What is given the bytes, a buffer at a time. */
    @FunctionalInterface
    public interface Sink {

        /** Takes the first {@code length} bytes of {@code bytes}, which are overwritten once this returns. */
        void accept(byte[] bytes, int length);
    }

    private Utf8() {
    }

    /**
     * Gives {@code sink} the bytes {@code text.substring(from, to).getBytes(UTF_8)} would be, in order, through
     * {@code buffer} (at least 4 bytes): a surrogate without its other half is a '?', as there.
     */
    public static void encode(String text, int from, int to, byte[] buffer, Sink sink) {
        int limit = buffer.length - 4;
        int n = 0;
        for (int i = from; i < to; i++) {
            if (n > limit) {
                sink.accept(buffer, n);
                n = 0;
            }
            char c = text.charAt(i);
            if (c < 0x80) {
                buffer[n++] = (byte) c;
            } else if (c < 0x800) {
                buffer[n++] = (byte) (0xC0 | c >> 6);
                buffer[n++] = (byte) (0x80 | c & 0x3F);
            } else if (!Character.isSurrogate(c)) {
                buffer[n++] = (byte) (0xE0 | c >> 12);
                buffer[n++] = (byte) (0x80 | c >> 6 & 0x3F);
                buffer[n++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, text.charAt(++i));
                buffer[n++] = (byte) (0xF0 | codePoint >> 18);
                buffer[n++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
                buffer[n++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
                buffer[n++] = (byte) (0x80 | codePoint & 0x3F);
            } else {
                buffer[n++] = '?';
            }
        }
        if (n > 0) {
            sink.accept(buffer, n);
        }
    }
}

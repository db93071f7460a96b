package io.precis.article;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A byte order mark at the start of a body, which names its encoding whatever a header says.
 *
 * @param charset the encoding it names
 * @param length  its length in bytes, to skip
 */
record ByteOrderMark(Charset charset, int length) {

    /** The mark a body starts with, if any: UTF-8, UTF-16 big-endian or little-endian. */
    static Optional<ByteOrderMark> of(byte[] body) {
        if (startsWith(body, 0xEF, 0xBB, 0xBF)) {
            return Optional.of(new ByteOrderMark(StandardCharsets.UTF_8, 3));
        }
        if (startsWith(body, 0xFE, 0xFF)) {
            return Optional.of(new ByteOrderMark(StandardCharsets.UTF_16BE, 2));
        }
        if (startsWith(body, 0xFF, 0xFE)) {
            return Optional.of(new ByteOrderMark(StandardCharsets.UTF_16LE, 2));
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] body, int... prefix) {
        if (body.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((body[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}

package io.precis.article;

import io.precis.core.Failure;
import io.precis.core.ServiceException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the bytes of an article sent as {@code text/plain} into text, in the charsets a newsroom's systems send:
 * UTF-8 (the default), ISO-8859-1 and windows-1252 (read as windows-1252, as browsers do, since Latin-1 text routinely
 * carries its curly quotes and euro sign), and UTF-16 with a byte order mark or a declared byte order. A byte order
 * mark wins over the header. Bytes that are not valid in their charset are refused rather than replaced: an article
 * with {@code �} in place of its accents would be summarized, cached and served as it is. Overlong UTF-8 forms
 * ({@code C0 AF} for {@code /}) are invalid.
 */
final class TextDecoder {

    /** The charsets read (declared by any registered alias; ISO-8859-1 and US-ASCII are read as windows-1252). */
    private static final Set<Charset> SUPPORTED = Set.of(StandardCharsets.UTF_8, Charsets.WINDOWS_1252,
            StandardCharsets.UTF_16, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE);

    private TextDecoder() {
    }

    /**
     * Decodes an article's bytes.
     *
     * @param body        the bytes as received
     * @param contentType the request's Content-Type header, or null
     * @throws ServiceException 415 for a charset this does not read, 400 for bytes that are not valid in theirs
     */
    static String decode(byte[] body, String contentType) {
        if (body == null || body.length == 0) {
            return "";
        }
        Optional<ByteOrderMark> mark = ByteOrderMark.of(body);
        if (mark.isPresent()) {
            return strict(body, mark.get().length(), mark.get().charset());
        }
        return strict(body, 0, declared(contentType).orElse(StandardCharsets.UTF_8));
    }

    private static Optional<Charset> declared(String contentType) {
        return Charsets.label(contentType).map(label -> Charsets.named(label).filter(SUPPORTED::contains)
                .orElseThrow(() -> new ServiceException(Failure.UNSUPPORTED_MEDIA_TYPE, "The charset '"
                        + label.toLowerCase(Locale.ROOT) + "' is not read; send the article in UTF-8, ISO-8859-1"
                        + " (windows-1252) or UTF-16 with a byte order mark.")));
    }

    private static String strict(byte[] body, int offset, Charset charset) {
        if (charset.equals(Charsets.WINDOWS_1252) && !definedInWindows1252(body)) {
            // Five bytes windows-1252 leaves undefined are C1 controls in true ISO-8859-1: read such text as that.
            return new String(body, offset, body.length - offset, StandardCharsets.ISO_8859_1);
        }
        return Charsets.strictly(body, offset, charset).orElseThrow(() -> ServiceException.invalidField("text",
                "is not valid " + charset.name() + " (declare its charset, as in text/plain; charset=windows-1252)"));
    }

    private static boolean definedInWindows1252(byte[] body) {
        for (byte b : body) {
            int value = b & 0xFF;
            if (value == 0x81 || value == 0x8D || value == 0x8F || value == 0x90 || value == 0x9D) {
                return false;
            }
        }
        return true;
    }
}

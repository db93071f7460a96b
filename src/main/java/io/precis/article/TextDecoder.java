package io.precis.article;

import io.precis.core.Failure;
import io.precis.core.ServiceException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the bytes of an article sent as {@code text/plain} into text, in the charsets a newsroom's systems send:
 * UTF-8 (the default), ISO-8859-1 and windows-1252 (read as windows-1252, as browsers do, since Latin-1 text routinely
 * carries its curly quotes and euro sign), and UTF-16 with a byte order mark or a declared byte order. A byte order
 * mark wins over the header. Bytes that are not valid in their charset are refused rather than replaced: an article
 * with {@code �} in place of its accents would be summarized, cached and served as it is. Overlong UTF-8 forms
 * ({@code C0 AF} for {@code /}) are invalid.
 */
final class TextDecoder {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final Pattern CHARSET = Pattern.compile("(?i);\\s*charset\\s*=\\s*\"?([^\";\\s]*)\"?");
    /** The charsets read, by the JDK's canonical name (any of their registered aliases may be declared). */
    private static final Map<String, Charset> SUPPORTED = Map.of(
            "UTF-8", StandardCharsets.UTF_8, "US-ASCII", WINDOWS_1252, "ISO-8859-1", WINDOWS_1252,
            "windows-1252", WINDOWS_1252, "UTF-16", StandardCharsets.UTF_16, "UTF-16LE", StandardCharsets.UTF_16LE,
            "UTF-16BE", StandardCharsets.UTF_16BE);

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
        if (contentType == null) {
            return Optional.empty();
        }
        Matcher matcher = CHARSET.matcher(contentType);
        if (!matcher.find()) {
            return Optional.empty();
        }
        String label = matcher.group(1).toLowerCase(Locale.ROOT);
        Charset charset = known(label).map(found -> SUPPORTED.get(found.name())).orElse(null);
        if (charset == null) {
            throw new ServiceException(Failure.UNSUPPORTED_MEDIA_TYPE, "The charset '" + label + "' is not read;"
                    + " send the article in UTF-8, ISO-8859-1 (windows-1252) or UTF-16 with a byte order mark.");
        }
        return Optional.of(charset);
    }

    private static Optional<Charset> known(String label) {
        try {
            return Optional.of(Charset.forName(label));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String strict(byte[] body, int offset, Charset charset) {
        if (charset.equals(WINDOWS_1252) && !definedInWindows1252(body)) {
            // Five bytes windows-1252 leaves undefined are C1 controls in true ISO-8859-1: read such text as that.
            return new String(body, offset, body.length - offset, StandardCharsets.ISO_8859_1);
        }
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body, offset, body.length - offset)).toString();
        } catch (MalformedInputException e) {
            throw ServiceException.invalidField("text", "is not valid " + charset.name() + " (declare its charset,"
                    + " as in text/plain; charset=windows-1252)");
        } catch (CharacterCodingException e) {
            throw ServiceException.invalidField("text", "is not valid " + charset.name());
        }
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

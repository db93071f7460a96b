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
    private static final Map<String, Charset> SUPPORTED = Map.ofEntries(
            Map.entry("utf-8", StandardCharsets.UTF_8), Map.entry("utf8", StandardCharsets.UTF_8),
            Map.entry("us-ascii", WINDOWS_1252), Map.entry("ascii", WINDOWS_1252),
            Map.entry("iso-8859-1", WINDOWS_1252), Map.entry("iso8859-1", WINDOWS_1252),
            Map.entry("latin1", WINDOWS_1252), Map.entry("l1", WINDOWS_1252), Map.entry("windows-1252", WINDOWS_1252),
            Map.entry("cp1252", WINDOWS_1252), Map.entry("utf-16", StandardCharsets.UTF_16),
            Map.entry("utf-16le", StandardCharsets.UTF_16LE), Map.entry("utf-16be", StandardCharsets.UTF_16BE));

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
        Charset charset = SUPPORTED.get(label);
        if (charset == null) {
            throw new ServiceException(Failure.UNSUPPORTED_MEDIA_TYPE, "The charset '" + label + "' is not read;"
                    + " send the article in UTF-8, ISO-8859-1 (windows-1252) or UTF-16 with a byte order mark.");
        }
        return Optional.of(charset);
    }

    private static String strict(byte[] body, int offset, Charset charset) {
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
}

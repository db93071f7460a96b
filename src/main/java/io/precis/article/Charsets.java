package io.precis.article;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the page and text decoders share: finding a declared charset by its label, and decoding strictly. */
final class Charsets {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final Pattern PARAMETER = Pattern.compile("(?i)charset\\s*=\\s*[\"']?([^\"';\\s]*)");

    private Charsets() {
    }

    /** The value of a Content-Type header's {@code charset} parameter, if it has one. */
    static Optional<String> label(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        Matcher matcher = PARAMETER.matcher(contentType);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /**
     * The charset a label names, by any of its registered aliases. As in browsers, ISO-8859-1 and US-ASCII mean
     * windows-1252: text that declares Latin-1 routinely uses its curly quotes and euro sign.
     */
    static Optional<Charset> named(String label) {
        Charset charset;
        try {
            charset = Charset.forName(label.strip());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(charset.equals(StandardCharsets.ISO_8859_1) || charset.equals(StandardCharsets.US_ASCII)
                ? WINDOWS_1252 : charset);
    }

    /** The bytes from {@code offset} on as text, or empty when they are not valid in the charset. */
    static Optional<String> strictly(byte[] body, int offset, Charset charset) {
        try {
            return Optional.of(charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body, offset, body.length - offset)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}

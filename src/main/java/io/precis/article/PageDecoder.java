package io.precis.article;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the bytes of a page sent as {@code text/html} into text, finding its encoding the way browsers do (the
 * WHATWG encoding sniffing algorithm, simplified): a byte order mark, then the {@code charset} of the Content-Type
 * header, then a {@code <meta charset>} or {@code <meta http-equiv="Content-Type">} near the top of the page, and last
 * the bytes themselves: UTF-8 when they are valid UTF-8, windows-1252 otherwise. A page declared as UTF-8 whose bytes
 * are not is read as windows-1252 too, rather than filled with replacement characters.
 *
 * <p>As in browsers, the labels ISO-8859-1 and US-ASCII mean windows-1252: pages that declare Latin-1 routinely use
 * its curly quotes and euro sign.
 */
final class PageDecoder {

    /** Browsers look for a {@code <meta>} charset in the first 1024 bytes; pages with long heads put it later. */
    private static final int PRESCAN_BYTES = 4096;
    private static final Pattern META = Pattern.compile("(?i)<meta\\s[^>]*>");
    private static final Pattern META_CHARSET = Pattern.compile("(?i)\\bcharset\\s*=\\s*[\"']?\\s*([^\"'\\s/>;]+)");

    private PageDecoder() {
    }

    /**
     * Decodes a page.
     *
     * @param body        the bytes as received
     * @param contentType the request's Content-Type header, or null
     */
    static String decode(byte[] body, String contentType) {
        if (body == null) {
            return "";
        }
        Optional<ByteOrderMark> mark = ByteOrderMark.of(body);
        if (mark.isPresent()) {
            return new String(body, mark.get().length(), body.length - mark.get().length(), mark.get().charset());
        }
        Optional<Charset> declared = fromHeader(contentType).or(() -> fromMeta(body));
        if (declared.isPresent() && !declared.get().equals(StandardCharsets.UTF_8)) {
            return new String(body, declared.get());
        }
        // Pages saved in windows-1252 by an editor that still declares UTF-8 are common: such bytes are not UTF-8.
        return Charsets.strictly(body, 0, StandardCharsets.UTF_8)
                .orElseGet(() -> new String(body, Charsets.WINDOWS_1252));
    }

    private static Optional<Charset> fromHeader(String contentType) {
        return Charsets.label(contentType).flatMap(Charsets::named);
    }

    private static Optional<Charset> fromMeta(byte[] body) {
        // Every encoding a page may declare itself in is ASCII-compatible, so the head can be read as Latin-1.
        String head = new String(body, 0, Math.min(body.length, PRESCAN_BYTES), StandardCharsets.ISO_8859_1);
        Matcher meta = META.matcher(head);
        while (meta.find()) {
            Matcher charset = META_CHARSET.matcher(meta.group());
            if (charset.find()) {
                Optional<Charset> found = Charsets.named(charset.group(1));
                // A page cannot be UTF-16 if its head was readable as ASCII: browsers take that to mean UTF-8.
                return found.map(c -> c.name().startsWith("UTF-16") ? StandardCharsets.UTF_8 : c);
            }
        }
        return Optional.empty();
    }
}

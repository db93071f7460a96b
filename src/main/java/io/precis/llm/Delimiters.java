package io.precis.llm;

import io.precis.core.Utf8;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The markers that fence an article (its title and text) inside a prompt. Their nonce is an HMAC of the title and the
 * text under a key drawn when the process starts and never shown, so whoever wrote them cannot know the closing
 * marker: writing it into the title or the text changes them, and so the nonce. Every task of one article in one
 * process gets the same markers, so that the prompts of a digest's summary and translation begin alike and a model
 * server that keeps what it has read reads the article once.
 *
 * @param open  the opening marker
 * @param close the closing marker
 */
public record Delimiters(String open, String close) {

    private static final byte[] KEY = new SecureRandom().generateSeed(32);

    /**
     * The markers of an article, with a 96-bit nonce.
     *
     * @param title its title, or null
     * @param text  its text
     */
    public static Delimiters forArticle(String title, String text) {
        byte[] nonce;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            // The title's length first: no title and text can be cut elsewhere into the same input.
            String titled = title == null ? "-" : title.length() + ":" + title;
            mac.update(titled.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            Utf8.encode(text, 0, text.length(), new byte[Utf8.BUFFER], (bytes, length) -> mac.update(bytes, 0, length));
            nonce = Arrays.copyOf(mac.doFinal(), 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
        String id = HexFormat.of().formatHex(nonce);
        return new Delimiters("<<<ARTICLE " + id + ">>>", "<<<END ARTICLE " + id + ">>>");
    }
}

package io.precis.llm;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The markers that fence an article inside a prompt. They carry a random nonce drawn per request, so text written
 * before the request cannot contain the closing marker and step out of the data into the instructions.
 *
 * @param open  the opening marker
 * @param close the closing marker
 */
public record Delimiters(String open, String close) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Fresh markers with a 96-bit nonce. */
    public static Delimiters random() {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        String id = HexFormat.of().formatHex(nonce);
        return new Delimiters("<<<ARTICLE " + id + ">>>", "<<<END ARTICLE " + id + ">>>");
    }
}

package io.precis.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PageDecoderTest {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    /** Accents, curly apostrophes, guillemets and the euro sign: where Latin-1 and windows-1252 differ. */
    private static final String TEXT = "L’été à Noël : « 12 € », déjà";

    private static String page(String head) {
        return "<html><head>" + head + "</head><body><p>" + TEXT + "</p></body></html>";
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    @Test
    void readsUndeclaredPagesAsUtf8WhenTheyAreValidUtf8() {
        assertThat(PageDecoder.decode(page("").getBytes(StandardCharsets.UTF_8), "text/html")).contains(TEXT);
    }

    @Test
    void readsUndeclaredPagesThatAreNotUtf8AsWindows1252() {
        assertThat(PageDecoder.decode(page("").getBytes(WINDOWS_1252), null)).contains(TEXT);
    }

    @Test
    void followsTheCharsetOfTheContentTypeHeader() {
        assertThat(PageDecoder.decode(page("").getBytes(WINDOWS_1252), "text/html; charset=windows-1252"))
                .contains(TEXT);
        // Browsers read Latin-1 as windows-1252: the curly quotes and the euro sign survive.
        assertThat(PageDecoder.decode(page("").getBytes(WINDOWS_1252), "text/html; charset=\"ISO-8859-1\""))
                .contains(TEXT);
    }

    @Test
    void followsTheMetaCharsetOfThePage() {
        assertThat(PageDecoder.decode(page("<meta charset=\"windows-1252\">").getBytes(WINDOWS_1252), null))
                .contains(TEXT);
        assertThat(PageDecoder.decode(page("<meta http-equiv=\"Content-Type\" content=\"text/html;"
                + " charset=iso-8859-1\">").getBytes(WINDOWS_1252), "text/html")).contains(TEXT);
    }

    @Test
    void letsAByteOrderMarkWinOverEverythingElse() {
        byte[] utf8 = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                page("<meta charset=\"windows-1252\">").getBytes(StandardCharsets.UTF_8));
        byte[] utf16 = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, page("").getBytes(StandardCharsets.UTF_16LE));

        assertThat(PageDecoder.decode(utf8, "text/html; charset=windows-1252")).startsWith("<html>").contains(TEXT);
        assertThat(PageDecoder.decode(utf16, null)).startsWith("<html>").contains(TEXT);
    }

    @Test
    void ignoresCharsetsItDoesNotKnow() {
        assertThat(PageDecoder.decode(page("<meta charset=\"klingon\">").getBytes(StandardCharsets.UTF_8),
                "text/html; charset=nonsense")).contains(TEXT);
    }

    @Test
    void readsAPageDeclaredAsUtf8ButSavedInWindows1252AsWindows1252() {
        assertThat(PageDecoder.decode(page("<meta charset=\"utf-8\">").getBytes(WINDOWS_1252),
                "text/html; charset=utf-8")).contains(TEXT);
    }
}

package io.precis.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.precis.core.Failure;
import io.precis.core.ServiceException;
import org.junit.jupiter.api.Test;

/** How plain text's bytes become text, by the charset its header or byte order mark names. */
class TextDecoderTest {

    @Test
    void latinOneTextWithCurlyQuotesIsReadAsWindows1252() {
        byte[] body = {'l', (byte) 0x92, 'a', 'r', 't', ' ', (byte) 0x80};

        assertThat(TextDecoder.decode(body, "text/plain; charset=ISO-8859-1")).isEqualTo("l’art €");
        assertThat(TextDecoder.decode(body, "text/plain; charset=cp1252")).isEqualTo("l’art €");
    }

    @Test
    void bytesWindows1252LeavesUndefinedAreReadAsIso88591RatherThanRefused() {
        byte[] body = {'a', (byte) 0x81, 'b', (byte) 0xE9};

        assertThat(TextDecoder.decode(body, "text/plain; charset=iso-8859-1")).isEqualTo("a\u0081bé");
    }

    @Test
    void anyRegisteredAliasOfAReadCharsetIsAccepted() {
        byte[] body = {'c', 'a', 'f', (byte) 0xE9};

        for (String alias : new String[] {"iso_8859-1", "latin1", "l1", "ISO8859_1", "cp819", "us-ascii"}) {
            assertThat(TextDecoder.decode(body, "text/plain; charset=" + alias)).as(alias).isEqualTo("café");
        }
    }

    @Test
    void aByteOrderMarkWinsOverTheHeader() {
        byte[] body = {(byte) 0xFF, (byte) 0xFE, 'o', 0, 'k', 0};

        assertThat(TextDecoder.decode(body, "text/plain; charset=utf-8")).isEqualTo("ok");
    }

    @Test
    void anUnreadCharsetIsA415() {
        assertThatThrownBy(() -> TextDecoder.decode(new byte[] {'x'}, "text/plain; charset=shift_jis"))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.UNSUPPORTED_MEDIA_TYPE));
    }
}

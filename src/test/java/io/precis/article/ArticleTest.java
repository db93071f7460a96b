package io.precis.article;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.core.Sha256;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ArticleTest {

    private static final String[] PIECES = {"mot", " ", "  ", "\n\n", "\t", "\u000B", "\f", "\r\n", "\u2003", "\u00A0",
        "\u001F", "é", "\uD83D\uDE00", "\uD83D", "x"};

    @Test
    void hashesAnArticleAsItsTextWithEveryWhitespaceRunCollapsedAndEndsStripped() {
        Random random = new Random(2);
        for (int round = 0; round < 5000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String written = text.toString();

            assertThat(Article.of(written).hash()).as("%s", written.codePoints().boxed().toList())
                    .isEqualTo(Sha256.hex(written.replaceAll("\\s+", " ").strip()));
        }
    }

    @Test
    void hashesALongArticleAsItsCollapsedText() {
        String paragraph = "Le gouvernement a présenté mercredi   son projet de loi.\n\n";
        String written = paragraph.repeat(400);

        assertThat(Article.of(written).hash()).isEqualTo(Sha256.hex(written.replaceAll("\\s+", " ").strip()));
    }
}

package io.precis.article;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.article.Chunker.Chunk;
import io.precis.testing.Corpus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

class ChunkerTest {

    /** One token per word, to keep the arithmetic readable. */
    private static final ToIntFunction<String> WORDS = text -> text.isBlank() ? 0 : text.strip().split("\\s+").length;

    private final ArticleNormalizer normalizer = new ArticleNormalizer();

    @Test
    void keepsEveryWordInOrderAndEveryChunkUnderTheMaximum() {
        Article article = longArticle();

        List<Chunk> chunks = Chunker.split(article, 120, 200, WORDS);

        assertThat(chunks).hasSizeGreaterThan(5).allSatisfy(chunk ->
                assertThat(WORDS.applyAsInt(chunk.article().text())).isLessThanOrEqualTo(200));
        List<String> texts = chunks.stream().map(c -> c.article().text()).toList();
        assertThat(Chunker.join(chunks, texts)).isEqualTo(article.text());
    }

    @Test
    void splitsAParagraphLongerThanAChunkBetweenSentencesAndRejoinsIt() {
        String paragraph = String.join(" ", java.util.Collections.nCopies(30,
                "Les deux dirigeants ont longuement échangé sur le conflit."));
        Article article = Article.of(paragraph + "\n\nUn second paragraphe, court.");

        List<Chunk> chunks = Chunker.split(article, 20, 40, WORDS);

        assertThat(chunks).hasSizeGreaterThan(3);
        assertThat(chunks.get(0).endsParagraph()).isFalse();
        assertThat(chunks.get(chunks.size() - 1).endsParagraph()).isTrue();
        assertThat(Chunker.join(chunks, chunks.stream().map(c -> c.article().text()).toList()))
                .isEqualTo(article.text());
    }

    @Test
    void cutsASentenceLongerThanAChunkBetweenWords() {
        String sentence = "mot ".repeat(95).strip() + ".";

        List<Chunk> chunks = Chunker.split(Article.of(sentence), 20, 30, WORDS);

        assertThat(chunks).hasSize(4).allSatisfy(c -> assertThat(WORDS.applyAsInt(c.article().text()))
                .isLessThanOrEqualTo(30));
    }

    @Test
    void aParagraphAddedInTheMiddleChangesOnlyTheChunksAroundIt() {
        Article article = longArticle();
        List<String> paragraphs = new ArrayList<>(article.paragraphs());
        paragraphs.add(paragraphs.size() / 2, "Un paragraphe ajouté plus tard, qui ne figurait pas dans la première"
                + " version de l'article.");

        // As in the service, the maximum (the model's budget) is well above the target chunk size.
        List<String> before = hashes(Chunker.split(article, 100, 400, WORDS));
        List<String> after = hashes(Chunker.split(Article.of(String.join("\n\n", paragraphs)), 100, 400, WORDS));

        List<String> changed = new ArrayList<>(after);
        changed.removeAll(before);
        assertThat(changed).hasSizeLessThanOrEqualTo(2);
        assertThat(before.size()).isGreaterThan(5);
    }

    @Test
    void aChunkHasTheHashOfTheSameTextSentAsAnArticle() {
        Chunk chunk = Chunker.split(longArticle(), 120, 200, WORDS).get(1);

        assertThat(chunk.article().hash()).isEqualTo(normalizer.normalize(chunk.article().text()).hash());
    }

    private Article longArticle() {
        StringBuilder text = new StringBuilder();
        for (String document : Corpus.lines("orangesum-abstract/source_documents.txt").subList(0, 8)) {
            for (String sentence : Sentences.split(normalizer.normalize(document).text().replace("\n\n", " "))) {
                text.append(sentence).append("\n\n");
            }
        }
        return normalizer.normalize(text.toString());
    }

    private static List<String> hashes(List<Chunk> chunks) {
        return chunks.stream().map(c -> c.article().hash()).toList();
    }
}

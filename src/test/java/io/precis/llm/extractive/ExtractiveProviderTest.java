package io.precis.llm.extractive;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.article.Article;
import io.precis.article.ArticleNormalizer;
import io.precis.article.Language;
import io.precis.article.Sentences;
import io.precis.task.SummaryLength;
import io.precis.task.SummaryTask;
import io.precis.testing.Corpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExtractiveProviderTest {

    private final ArticleNormalizer normalizer = new ArticleNormalizer();
    private final ExtractiveProvider provider = new ExtractiveProvider();

    @ParameterizedTest
    @EnumSource(SummaryLength.class)
    void writesOneParagraphOfTheLengthsNumberOfSentences(SummaryLength length) {
        for (String id : Corpus.ORANGESUM_IDS) {
            Article article = normalizer.normalize(Corpus.orangeSum(id).article());
            long sentences = article.paragraphs().stream().mapToLong(p -> Sentences.split(p).size()).sum();

            String summary = provider.summary(new SummaryTask(article, null, Language.FR, Language.FR, length,
                    provider.author())).text();

            if (sentences >= 2L * length.maxSentences()) {
                assertThat(length.respectedBy(summary)).as("%s, %s: %s", id, length, summary).isTrue();
            } else {
                assertThat(Sentences.split(summary)).as("%s, %s", id, length)
                        .hasSizeLessThanOrEqualTo(length.maxSentences());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SummaryLength.class)
    void respectsEveryLengthOnTheSeedArticle(SummaryLength length) {
        Article article = normalizer.normalize(Corpus.text(Corpus.SEED_CLEAN));

        String summary = provider.summary(new SummaryTask(article, null, Language.FR, Language.FR, length,
                provider.author())).text();

        assertThat(length.respectedBy(summary)).as("%s: %s", length, summary).isTrue();
    }
}

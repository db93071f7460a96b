package io.precis.llm.extractive;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.article.Article;
import io.precis.article.ArticleNormalizer;
import io.precis.article.Language;
import io.precis.article.Sentences;
import io.precis.task.SummaryLength;
import io.precis.testing.Corpus;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class TextRankSummarizerTest {

    private final ArticleNormalizer normalizer = new ArticleNormalizer();
    private final TextRankSummarizer summarizer = new TextRankSummarizer();

    static List<String> orangeSumIds() {
        return Corpus.ORANGESUM_IDS;
    }

    @ParameterizedTest
    @MethodSource("orangeSumIds")
    void picksWholeSentencesOfTheArticleInTheirOrder(String id) {
        Article article = normalizer.normalize(Corpus.orangeSum(id).article());

        List<String> summary = summarizer.summarize(article.paragraphs(), Language.FR, SummaryLength.LONG);

        assertThat(summary).isNotEmpty();
        int previous = -1;
        for (String sentence : summary) {
            int at = article.text().indexOf(sentence, previous + 1);
            assertThat(at).as("verbatim sentence of the article: %s", sentence).isGreaterThan(previous);
            previous = at;
        }
    }

    @ParameterizedTest
    @EnumSource(SummaryLength.class)
    void takesBetweenTheFewestAndTheMostSentencesOfEachLength(SummaryLength length) {
        for (String id : Corpus.ORANGESUM_IDS) {
            Article article = normalizer.normalize(Corpus.orangeSum(id).article());
            long available = article.paragraphs().stream().mapToLong(p -> Sentences.split(p).size()).sum();

            List<String> summary = summarizer.summarize(article.paragraphs(), Language.FR, length);

            assertThat(summary).as("%s, %s", id, length).hasSizeLessThanOrEqualTo(length.maxSentences());
            if (available >= 2L * length.maxSentences()) {
                assertThat(summary).as("%s, %s", id, length).hasSizeGreaterThanOrEqualTo(length.minSentences());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = SummaryLength.class, names = {"MEDIUM", "LONG"})
    void takesMoreThanTheFewestSentencesOnlyWithinTheWordTarget(SummaryLength length) {
        for (String id : Corpus.ORANGESUM_IDS) {
            Article article = normalizer.normalize(Corpus.orangeSum(id).article());

            List<String> summary = summarizer.summarize(article.paragraphs(), Language.FR, length);

            if (summary.size() > length.minSentences()) {
                assertThat(words(summary)).as("%s, %s", id, length).isLessThanOrEqualTo(length.words());
            }
        }
    }

    @Test
    void longerLengthsGiveLongerSummaries() {
        Article article = normalizer.normalize(Corpus.orangeSum("18327").article());

        int shortWords = words(summarizer.summarize(article.paragraphs(), Language.FR, SummaryLength.SHORT));
        int mediumWords = words(summarizer.summarize(article.paragraphs(), Language.FR, SummaryLength.MEDIUM));
        int longWords = words(summarizer.summarize(article.paragraphs(), Language.FR, SummaryLength.LONG));

        assertThat(mediumWords).isGreaterThan(shortWords * 2);
        assertThat(longWords).isGreaterThan(mediumWords);
    }

    @Test
    void prefersASentenceOfSummaryLengthToAShortCaptionFirst() {
        String caption = "Le port de Marseille, mardi matin.";
        String lede = "Les dockers du port de Marseille ont voté mardi matin une grève de trois jours contre la"
                + " réforme des retraites, qui bloquera les terminaux de conteneurs jusqu'à vendredi soir selon la"
                + " CGT.";
        String detail = "La direction du port de Marseille dit regretter ce mouvement de grève des dockers.";
        List<String> paragraphs = List.of(caption + " " + lede + " " + detail);

        assertThat(summarizer.summarize(paragraphs, Language.FR, SummaryLength.SHORT)).containsExactly(lede);
    }

    @Test
    void prefersTheEarlierOfTwoSentencesAlikeInEverythingButPosition() {
        String opening = "Une rentrée sous haute tension.";
        String earlier = "Le conseil municipal lyonnais a adopté lundi soir un budget record consacré aux écoles"
                + " primaires et aux crèches publiques de la ville.";
        String later = "Les pêcheurs bretons ont manifesté mardi matin devant la préfecture pour réclamer des aides"
                + " face à la hausse du prix du gazole.";
        List<String> paragraphs = List.of(opening + " " + earlier + " " + later);

        assertThat(summarizer.summarize(paragraphs, Language.FR, SummaryLength.SHORT)).containsExactly(earlier);
    }

    @Test
    void isDeterministic() {
        Article article = normalizer.normalize(Corpus.text(Corpus.SEED_CLEAN));

        List<String> first = summarizer.summarize(article.paragraphs(), Language.FR, SummaryLength.MEDIUM);

        for (int i = 0; i < 5; i++) {
            assertThat(summarizer.summarize(article.paragraphs(), Language.FR, SummaryLength.MEDIUM))
                    .isEqualTo(first);
        }
    }

    @Test
    void leavesHeadingsOutOfTheSummary() {
        Article article = normalizer.normalize(Corpus.text(Corpus.SEED_CLEAN));

        List<String> summary = summarizer.summarize(article.paragraphs(), Language.FR, SummaryLength.LONG);

        assertThat(summary).doesNotContain("Un tête-à-tête discret avant les échanges élargis",
                "Des délégations élargies et un possible dialogue à trois");
    }

    private static int words(List<String> sentences) {
        return sentences.isEmpty() ? 0 : String.join(" ", sentences).split("\\s+").length;
    }
}

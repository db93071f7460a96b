package io.precis.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.precis.quality.Rouge.Measure;
import io.precis.quality.Rouge.Scores;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** ROUGE against cases worked out by hand; the arithmetic is in the comments. */
class RougeTest {

    private static final Offset<Double> EXACT = within(1e-12);

    @Test
    void tokensAreLowerCasedRunsOfLettersAndDigitsWithTheirAccents() {
        // NFKC turns the ligature "ﬁ" into "fi" and the superscript "²" into "2"; the apostrophe and the punctuation
        // separate tokens.
        assertThat(Rouge.tokens("L'Élysée a réagi : « ﬁn » du 2ᵉ tour, 40 m².")).containsExactly(
                "l", "élysée", "a", "réagi", "fin", "du", "2e", "tour", "40", "m2");
    }

    @Test
    void clipsRepeatedUnigramsAndBigramsToTheirCountInTheReference() {
        // reference: le chat mange le poisson  (5 tokens; "le" twice)
        // candidate: le le le chat              (4 tokens; "le" three times)
        Scores scores = Rouge.score("Le chat mange le poisson.", "le le le chat");

        // ROUGE-1: overlap = min(3, 2) for "le" + min(1, 1) for "chat" = 3
        // P = 3/4, R = 3/5, F = 2 * 3/4 * 3/5 / (3/4 + 3/5) = 0.9 / 1.35 = 2/3
        assertMeasure(scores.rouge1(), 3.0 / 4, 3.0 / 5, 2.0 / 3);
        // ROUGE-2: candidate bigrams "le le" x2, "le chat" (3); reference "le chat", "chat mange", "mange le",
        // "le poisson" (4). Overlap: "le chat" once, "le le" not at all (clipped to 0) = 1
        // P = 1/3, R = 1/4, F = 2 * 1/12 / (7/12) = 2/7
        assertMeasure(scores.rouge2(), 1.0 / 3, 1.0 / 4, 2.0 / 7);
        // ROUGE-L: the longest common subsequence is "le chat" (or "le le"), 2 tokens: nothing comes after the second
        // "le" of the reference that the candidate still has.
        // P = 2/4, R = 2/5, F = 2 * 0.5 * 0.4 / 0.9 = 4/9
        assertMeasure(scores.rougeL(), 2.0 / 4, 2.0 / 5, 4.0 / 9);
    }

    @Test
    void longestCommonSubsequenceNeedNotBeContiguous() {
        // reference: le ministre a annoncé une réforme des retraites           (8 tokens)
        // candidate: le ministre a présenté hier sa réforme des retraites      (9 tokens)
        Scores scores = Rouge.score("Le ministre a annoncé une réforme des retraites.",
                "Le ministre a présenté hier sa réforme des retraites.");

        // LCS: "le ministre a" + "réforme des retraites" = 6, with a gap on both sides
        // P = 6/9, R = 6/8, F = 2 * 2/3 * 3/4 / (2/3 + 3/4) = 1 / (17/12) = 12/17
        assertMeasure(scores.rougeL(), 6.0 / 9, 6.0 / 8, 12.0 / 17);
        // ROUGE-1: the same 6 words match; P = 6/9, R = 6/8, F = 12/17
        assertMeasure(scores.rouge1(), 6.0 / 9, 6.0 / 8, 12.0 / 17);
        // ROUGE-2: "le ministre", "ministre a", "réforme des", "des retraites" = 4 of 8 and 7 bigrams
        // P = 4/8, R = 4/7, F = 2 * 1/2 * 4/7 / (1/2 + 4/7) = (4/7) / (15/14) = 8/15
        assertMeasure(scores.rouge2(), 4.0 / 8, 4.0 / 7, 8.0 / 15);
    }

    @Test
    void orderMattersForTheSubsequenceButNotForUnigrams() {
        // reference: a b c d, candidate: d c b a. Every unigram matches: P = R = F = 1.
        // Any two tokens appear in opposite orders, so the LCS is 1: P = R = F = 1/4. No bigram matches.
        Scores scores = Rouge.score("paris lyon lille nice", "nice lille lyon paris");

        assertMeasure(scores.rouge1(), 1, 1, 1);
        assertMeasure(scores.rouge2(), 0, 0, 0);
        assertMeasure(scores.rougeL(), 0.25, 0.25, 0.25);
    }

    @Test
    void anEmptyCandidateScoresZeroEverywhere() {
        Scores scores = Rouge.score("Le chat dort.", " ... ");

        assertMeasure(scores.rouge1(), 0, 0, 0);
        assertMeasure(scores.rouge2(), 0, 0, 0);
        assertMeasure(scores.rougeL(), 0, 0, 0);
        assertThat(Rouge.score("", "").rouge1().f1()).isZero();
    }

    @Test
    void aOneWordCandidateHasNoBigram() {
        // ROUGE-1: "chat" matches; P = 1/1, R = 1/3, F = 2 * 1/3 / (4/3) = 1/2. ROUGE-2: no candidate bigram, 0.
        Scores scores = Rouge.score("Le chat dort.", "Chat");

        assertMeasure(scores.rouge1(), 1, 1.0 / 3, 0.5);
        assertMeasure(scores.rouge2(), 0, 0, 0);
    }

    @Test
    void anIdenticalSummaryScoresOneWhateverItsCaseAndPunctuation() {
        Scores scores = Rouge.score("Une séquence très commentée à l'époque.",
                "UNE SÉQUENCE, très commentée à l’époque");

        assertMeasure(scores.rouge1(), 1, 1, 1);
        assertMeasure(scores.rouge2(), 1, 1, 1);
        assertMeasure(scores.rougeL(), 1, 1, 1);
    }

    private static void assertMeasure(Measure measure, double precision, double recall, double f1) {
        assertThat(measure.precision()).as("precision").isCloseTo(precision, EXACT);
        assertThat(measure.recall()).as("recall").isCloseTo(recall, EXACT);
        assertThat(measure.f1()).as("F1").isCloseTo(f1, EXACT);
    }
}

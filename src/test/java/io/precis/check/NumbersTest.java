package io.precis.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumbersTest {

    @Test
    void readsNumbersWrittenInWordsWhateverTheirCase() {
        assertThat(Numbers.ofSource("Il y avait QUATRE-VINGT-DIX personnes et Vingt et Un blessés."))
                .contains("90", "21");
    }

    @Test
    void readsAWordAsThePatternDoesPastFortyLetters() {
        // The pattern reads letters 40 at a time: what follows the fortieth is a word of its own.
        assertThat(Numbers.ofSource("x".repeat(40) + "trois chats")).contains("3");
        assertThat(Numbers.ofSource("x".repeat(41) + "trois chats")).doesNotContain("3");
    }

    @Test
    void aLongWordEndsANumberWrittenInWords() {
        assertThat(Numbers.ofSource("trois " + "anticonstitutionnellement" + " cents")).contains("3")
                .doesNotContain("300");
        assertThat(Numbers.ofSource("trois cents")).contains("300");
    }

    @Test
    void readsTheMonthsOfAnArticle() {
        assertThat(Numbers.ofSource("Le 3 SEPTEMBRE, puis en mai.")).contains("month:9", "month:5");
    }
}

package io.precis.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.task.SummaryLength;
import org.junit.jupiter.api.Test;

class SummaryLengthTest {

    private static final String ONE = "Le gouvernement a présenté mercredi sa réforme des retraites, qui repousse"
            + " l'âge légal de départ à 64 ans d'ici à 2030.";
    private static final String TWO = ONE + " Les syndicats appellent à la grève.";

    @Test
    void shortIsExactlyOneSentence() {
        assertThat(SummaryLength.SHORT.respectedBy(ONE)).isTrue();
        assertThat(SummaryLength.SHORT.respectedBy("  " + ONE + "\n")).isTrue();
        assertThat(SummaryLength.SHORT.respectedBy(TWO)).isFalse();
    }

    @Test
    void abbreviationsAndInitialsDoNotEndTheSentence() {
        assertThat(SummaryLength.SHORT.respectedBy("M. Macron a reçu J. Biden à l'Élysée mardi.")).isTrue();
    }

    @Test
    void mediumIsThreeToFiveSentences() {
        String three = TWO + " Le texte sera débattu en mars.";

        assertThat(SummaryLength.MEDIUM.respectedBy(TWO)).isFalse();
        assertThat(SummaryLength.MEDIUM.respectedBy(three)).isTrue();
        assertThat(SummaryLength.MEDIUM.respectedBy(three + " " + TWO)).isTrue();
        assertThat(SummaryLength.MEDIUM.respectedBy(three + " " + three)).isFalse();
    }

    @Test
    void everyLengthIsOneParagraph() {
        String three = TWO + " Le texte sera débattu en mars.";

        assertThat(SummaryLength.MEDIUM.respectedBy(TWO + "\n\nLe texte sera débattu en mars.")).isFalse();
        assertThat(SummaryLength.MEDIUM.respectedBy(TWO + "\nLe texte sera débattu en mars.")).isTrue();
        assertThat(SummaryLength.LONG.respectedBy(three + " " + three)).isTrue();
        assertThat(SummaryLength.LONG.respectedBy(three + "\n\n" + three)).isFalse();
        assertThat(SummaryLength.SHORT.respectedBy("")).isFalse();
    }
}

package io.precis.article;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentencesTest {

    @Test
    void splitsAtSentencePunctuationFollowedByACapital() {
        assertThat(Sentences.split("Le sommet s'ouvre. Les ministres arrivent ! Qui parlera ? « Personne », dit-il."))
                .containsExactly("Le sommet s'ouvre.", "Les ministres arrivent !", "Qui parlera ?",
                        "« Personne », dit-il.");
    }

    @Test
    void doesNotSplitAfterAbbreviationsOrInitials() {
        assertThat(Sentences.split("M. Dupont et Mme Durand ont rencontré J. Biden. Le Dr. House était absent."))
                .containsExactly("M. Dupont et Mme Durand ont rencontré J. Biden.", "Le Dr. House était absent.");
    }

    @Test
    void keepsClosingQuotesWithTheirSentence() {
        assertThat(Sentences.split("Il a dit « c'est fini. » Puis il est parti."))
                .containsExactly("Il a dit « c'est fini. »", "Puis il est parti.");
    }

    @Test
    void doesNotSplitNumbers() {
        assertThat(Sentences.split("La croissance atteint 2.5 % cette année. Elle était de 1.2 % en 2024."))
                .containsExactly("La croissance atteint 2.5 % cette année.", "Elle était de 1.2 % en 2024.");
    }
}

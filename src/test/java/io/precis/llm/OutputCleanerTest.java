package io.precis.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutputCleanerTest {

    private static final Delimiters MARKERS = new Delimiters("<<<ARTICLE abc>>>", "<<<END ARTICLE abc>>>");
    private static final String SUMMARY = "Vladimir Putin and Donald Trump met in Anchorage. Talks were closed.";

    @ParameterizedTest
    @ValueSource(strings = {
        "Here is the summary:\n\n" + SUMMARY,
        "Sure! Here's a summary of the article in English:\n" + SUMMARY,
        "Voici le résumé :\n" + SUMMARY,
        "Summary: " + SUMMARY,
        "**Summary:** " + SUMMARY,
        "```\n" + SUMMARY + "\n```",
        "```text\n" + SUMMARY + "\n```",
        "\"" + SUMMARY + "\"",
        "« " + SUMMARY + " »",
        SUMMARY + "\n\nI hope this helps!",
        SUMMARY + "\n\n(Note: the article does not give the date of the next meeting.)",
        "<think>The user wants a summary.</think>\n" + SUMMARY,
        "<<<ARTICLE abc>>>\n" + SUMMARY + "\n<<<END ARTICLE abc>>>"
    })
    void stripsWhatModelsWrapAroundTheAnswer(String answer) {
        assertThat(OutputCleaner.clean(answer, MARKERS)).isEqualTo(SUMMARY);
    }

    @Test
    void removesMarkdownButKeepsTheWords() {
        String answer = "## Talks\n\nThe **two presidents** met, see [the report](https://example.org/x)."
                + " ![chart](https://tracker.example/pixel.png)";

        assertThat(OutputCleaner.clean(answer, MARKERS)).isEqualTo("Talks\n\nThe two presidents met, see the report.");
    }

    @Test
    void leavesQuotesInsideTheTextAlone() {
        String answer = "\"We will create jobs\", he said. Then he left \"for good\"";

        assertThat(OutputCleaner.clean(answer, MARKERS)).isEqualTo(answer);
    }

    @Test
    void keepsParagraphsOfATranslation() {
        String translation = "First paragraph.\n\nSecond paragraph.\n\n\n\nThird.";

        assertThat(OutputCleaner.clean(translation, MARKERS)).isEqualTo("First paragraph.\n\nSecond paragraph.\n\nThird.");
    }

    @Test
    void keepsTheArticlesOwnClosingNote() {
        String translation = "The summit ended without an agreement.\n\nNote: this article was updated at 6 pm.";

        assertThat(OutputCleaner.clean(translation, MARKERS)).isEqualTo(translation);
    }

    @Test
    void turnsNothingIntoAnEmptyString() {
        assertThat(OutputCleaner.clean(null, MARKERS)).isEmpty();
        assertThat(OutputCleaner.clean("  \n ", MARKERS)).isEmpty();
    }
}

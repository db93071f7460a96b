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

    /** What a newsroom must never publish from a model: markup, controls, text that reads otherwise than stored. */
    @ParameterizedTest
    @ValueSource(strings = {
        "<script>alert(1)</script>" + SUMMARY,
        "Vladimir Putin and <b>Donald Trump</b> met in <a href=\"https://evil.example\">Anchorage</a>. Talks were"
                + " closed.<img src=x onerror=alert(1)>",
        "Vladimir Putin and Donald Trump met in Anchorage.<!-- hidden --> Talks were closed.",
        "<style>p{display:none}</style><iframe src=\"https://evil.example\"></iframe>" + SUMMARY,
        "Vladimir Putin and Donald Trump met in Anchorage\u0000. Talks were\u0007 closed.\u001B",
        "Vladimir Putin and \u202EDonald Trump\u202C met in Anchorage. \u2066Talks were closed.\u2069",
        "Vladimir Putin and Donald Trump met in Anchorage.\u0085 Talks were closed.\r",
        "<img/src=x onerror=alert(1)>" + SUMMARY + "<svg/onload=alert(1)>",
        "<scr<b>ipt>alert(1)</scr<b>ipt>" + SUMMARY,
        "<img<b> src=x onerror=alert(1)>" + SUMMARY,
        "<SCRIPT type=\"text/javascript\">alert(1)</SCRIPT >" + SUMMARY
    })
    void removesMarkupControlsAndBidirectionalOverrides(String answer) {
        assertThat(OutputCleaner.clean(answer, MARKERS)).isEqualTo(SUMMARY);
    }

    @Test
    void keepsComparisonsAndTheArticlesOwnTabsAndParagraphs() {
        String text = "Growth was < 2 % and inflation > 3 %.\tAll in all, 1 < 2.\n\nSecond paragraph.";

        assertThat(OutputCleaner.clean(text, MARKERS)).isEqualTo(text);
    }

    @Test
    void anUnclosedScriptTagLeavesTheTextAfterIt() {
        String answer = "Attackers hid a <script> tag in the ad. The bank said it was safe.";

        assertThat(OutputCleaner.clean(answer, MARKERS)).isEqualTo("Attackers hid a  tag in the ad. The bank said it"
                + " was safe.");
    }

    @Test
    void angleBracketsThatAreNotTagsStayAndAreNotTakenForMarkup() {
        String answer = "If x<y and y>z, then x<z. Turnout was <50 % in <a few> places.";

        assertThat(OutputCleaner.clean(answer, MARKERS)).isEqualTo("If x<y and y>z, then x<z. Turnout was <50 % in "
                + " places.");
        assertThat(OutputCleaner.holdsMarkup("If x<y and y>z, then x<z.")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Talks were closed <img src=x onerror=alert(1)", "Talks <!-- were closed", "Talks </div"})
    void markupThatCannotBeRemovedWholeIsFoundInTheCleanedText(String answer) {
        assertThat(OutputCleaner.holdsMarkup(OutputCleaner.clean(answer, MARKERS))).isTrue();
    }
}

package io.precis.article;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.testing.Corpus;
import io.precis.testing.Texts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageDetectorTest {

    private static final LanguageDetector DETECTOR = new LanguageDetector();

    @ParameterizedTest
    @CsvSource({
        "seeds/anchorage-summit-1.txt, fr, true",
        "seeds/anchorage-summit-2-scraped.txt, fr, true",
        "readability/lemonde-1.txt, fr, true",
        "readability/liberation-1.txt, fr, true",
        "readability/bbc-1.txt, en, true",
        "readability/heise.txt, de, false",
        "readability/folha.txt, pt, false"
    })
    void namesTheLanguageOfRealArticles(String file, String code, boolean supported) {
        DetectedLanguage detected = DETECTOR.detect(Corpus.text(file));

        assertThat(detected.code()).isEqualTo(code);
        assertThat(detected.supported().isPresent()).isEqualTo(supported);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        Texts.ENGLISH_SUMMARY + "| EN",
        Texts.FRENCH_SUMMARY + "| FR"
    })
    void recognizesShortModelAnswers(String text, Language language) {
        assertThat(DETECTOR.findOtherLanguage(text, language)).isEmpty();
    }

    @Test
    void findsALongTextThatSlipsIntoAnotherLanguageHalfway() {
        String english = (Texts.ENGLISH_TRANSLATION + "\n\n").repeat(12);
        String french = Corpus.text(Corpus.SEED_CLEAN);

        assertThat(DETECTOR.findOtherLanguage(english, Language.EN)).isEmpty();
        assertThat(DETECTOR.findOtherLanguage(english + french + french, Language.EN))
                .hasValueSatisfying(other -> assertThat(other.code()).isEqualTo("fr"));
    }

    @ParameterizedTest
    @CsvSource({"12 345 678", "''", "!!! ???"})
    void cannotTellTheLanguageOfTextWithoutWords(String text) {
        assertThat(DETECTOR.detect(text).code()).isEqualTo(DetectedLanguage.UNDETERMINED);
    }
}

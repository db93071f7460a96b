package io.precis.article;

import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Detects the language of article text and of model output, with Lingua.
 *
 * <p>The detector knows more languages than the service supports, so that a German or Portuguese article is named as
 * such and rejected instead of being taken for the nearest supported language. It runs in Lingua's low-accuracy mode
 * (trigram models only), which is reliable on sentences and paragraphs, and reads at most {@value #SAMPLE_CHARS}
 * characters of a text: about 150 words, from which every one of the 1 500 OrangeSum test articles is named French,
 * while Lingua's time grows with the length it reads (about 1.5 ms for this sample, 2.5 ms for twice as much, on the
 * project's machine). Its models load at start-up, so that no request thread pays for them.
 *
 * <p>An article's language is Lingua's to tell: the service's requirement is a maintained detector there, not a
 * word list. A text the model wrote is checked against the language it was asked for, and there a reading of the
 * function words ({@link FunctionWords}) comes first: it names a text of 30 words or more that is plainly French or
 * plainly English at under a hundredth of Lingua's cost, and leaves anything else to Lingua. On the 10 664 texts of
 * the project's corpus it names 75 % of them, never otherwise than Lingua, and detection costs 0.11 of Lingua's
 * ({@code bash bench/language.sh}, docs/benchmarks.md).
 */
@Startup
@ApplicationScoped
public class LanguageDetector {

    static final int SAMPLE_CHARS = 1_000;

    private static final Set<com.github.pemistahl.lingua.api.Language> KNOWN = EnumSet.of(
            com.github.pemistahl.lingua.api.Language.FRENCH,
            com.github.pemistahl.lingua.api.Language.ENGLISH,
            com.github.pemistahl.lingua.api.Language.GERMAN,
            com.github.pemistahl.lingua.api.Language.SPANISH,
            com.github.pemistahl.lingua.api.Language.ITALIAN,
            com.github.pemistahl.lingua.api.Language.PORTUGUESE,
            com.github.pemistahl.lingua.api.Language.DUTCH,
            com.github.pemistahl.lingua.api.Language.CATALAN,
            com.github.pemistahl.lingua.api.Language.ROMANIAN,
            com.github.pemistahl.lingua.api.Language.POLISH,
            com.github.pemistahl.lingua.api.Language.SWEDISH,
            com.github.pemistahl.lingua.api.Language.DANISH,
            com.github.pemistahl.lingua.api.Language.TURKISH,
            com.github.pemistahl.lingua.api.Language.RUSSIAN,
            com.github.pemistahl.lingua.api.Language.UKRAINIAN,
            com.github.pemistahl.lingua.api.Language.ARABIC,
            com.github.pemistahl.lingua.api.Language.GREEK,
            com.github.pemistahl.lingua.api.Language.HEBREW,
            com.github.pemistahl.lingua.api.Language.CHINESE,
            com.github.pemistahl.lingua.api.Language.JAPANESE);

    private static final Map<com.github.pemistahl.lingua.api.Language, Language> SUPPORTED = Arrays
            .stream(Language.values()).collect(Collectors.toMap(Language::lingua, Function.identity()));

    private final com.github.pemistahl.lingua.api.LanguageDetector detector = LanguageDetectorBuilder
            .fromLanguages(KNOWN.toArray(com.github.pemistahl.lingua.api.Language[]::new))
            .withLowAccuracyMode()
            .withPreloadedLanguageModels()
            .build();

    /** Detects the language of a text, with Lingua: an article's, which decides what the service does with it. */
    public DetectedLanguage detect(String text) {
        return lingua(sample(text));
    }

    /**
     * Detects the language of a text the model wrote, which is checked against the language it was asked for: named
     * by its function words when it is plainly French or English, otherwise by Lingua.
     */
    public DetectedLanguage detectModelText(String text) {
        String sample = sample(text);
        Optional<Language> plain = FunctionWords.plainly(sample);
        if (plain.isPresent()) {
            return new DetectedLanguage(plain.get().code(), plain);
        }
        return lingua(sample);
    }

    private static String sample(String text) {
        return text.length() <= SAMPLE_CHARS ? text : text.substring(0, SAMPLE_CHARS);
    }

    private DetectedLanguage lingua(String sample) {
        com.github.pemistahl.lingua.api.Language found = detector.detectLanguageOf(sample);
        if (found == com.github.pemistahl.lingua.api.Language.UNKNOWN) {
            return new DetectedLanguage(DetectedLanguage.UNDETERMINED, Optional.empty());
        }
        String code = found.getIsoCode639_1().name().toLowerCase(Locale.ROOT);
        return new DetectedLanguage(code, Optional.ofNullable(SUPPORTED.get(found)));
    }

    /**
     * Checks that a whole text the model wrote is in a language: its beginning, middle and end are each detected
     * ({@link #detectModelText}), so that a long translation that slips back into the source language halfway is
     * caught.
     *
     * @return the first part found in another language, or empty when every part is in the expected one
     */
    public Optional<DetectedLanguage> findOtherLanguage(String text, Language expected) {
        List<String> samples = text.length() <= SAMPLE_CHARS ? List.of(text)
                : List.of(text.substring(0, SAMPLE_CHARS),
                        text.substring((text.length() - SAMPLE_CHARS) / 2, (text.length() + SAMPLE_CHARS) / 2),
                        text.substring(text.length() - SAMPLE_CHARS));
        for (String sample : samples) {
            DetectedLanguage detected = detectModelText(sample);
            if (detected.supported().filter(expected::equals).isEmpty()) {
                return Optional.of(detected);
            }
        }
        return Optional.empty();
    }
}

package io.precis.article;

import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Detects the language of article text and of model output: a reading of function words first, Lingua when it is
 * unsure.
 *
 * <p>{@link FunctionWords} names a text of 30 words or more that is plainly French or plainly English at under a
 * hundredth of Lingua's cost; anything else (a sentence, a mix, German, Portuguese, another script) goes to Lingua. On
 * the 10 664 texts of the project's corpus it names 75 % of them, 1 447 of the 1 500 OrangeSum articles, never
 * otherwise than Lingua, and detection costs 0.11 of Lingua's ({@code bash bench/language.sh}, docs/benchmarks.md).
 * Lingua remains the maintained detector that decides every text the first reading is not sure of.
 *
 * <p>Lingua knows more languages than the service supports, so that a German or Portuguese article is named as such
 * and rejected instead of being taken for the nearest supported language. It runs in its low-accuracy mode (trigram
 * models only), which is reliable on sentences and paragraphs, and reads at most {@value #SAMPLE_CHARS} characters of
 * a text: about 150 words, from which every one of the 1 500 OrangeSum test articles is named French, while its time
 * grows with the length it reads. Its models (about half a second and 70 MB of heap) load on a thread of their own
 * from start-up on, off the start-up path; readiness stays down until they are in ({@link #models()}), and a text
 * that needs them before then waits for them.
 */
// A singleton, not application-scoped: a client proxy would run the constructor, and start a loader, once more.
@Startup
@Singleton
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

    private final CompletableFuture<com.github.pemistahl.lingua.api.LanguageDetector> lingua = new CompletableFuture<>();

    public LanguageDetector() {
        this(() -> LanguageDetectorBuilder
                .fromLanguages(KNOWN.toArray(com.github.pemistahl.lingua.api.Language[]::new))
                .withLowAccuracyMode()
                .withPreloadedLanguageModels()
                .build());
    }

    /** A detector whose Lingua is built by {@code models}, on a thread of its own. */
    LanguageDetector(Supplier<com.github.pemistahl.lingua.api.LanguageDetector> models) {
        Thread loader = new Thread(() -> {
            try {
                lingua.complete(models.get());
            } catch (RuntimeException | Error failed) {
                lingua.completeExceptionally(failed);
            }
        }, "lingua-models");
        loader.setDaemon(true);
        loader.start();
    }

    /** Detects the language of a text: by its function words when it is plainly French or English, else by Lingua. */
    public DetectedLanguage detect(String text) {
        String sample = sample(text);
        Optional<Language> plain = FunctionWords.plainly(sample);
        if (plain.isPresent()) {
            return new DetectedLanguage(plain.get().code(), plain);
        }
        return lingua(sample);
    }

    /** Detects the language of a text with Lingua alone: what the first reading is measured against. */
    DetectedLanguage detectWithLinguaAlone(String text) {
        return lingua(sample(text));
    }

    /** Where Lingua's models stand. */
    public Models models() {
        if (!lingua.isDone()) {
            return Models.LOADING;
        }
        return lingua.isCompletedExceptionally() ? Models.FAILED : Models.LOADED;
    }

    /** Where Lingua's models stand: they load once, from start-up on. */
    public enum Models {
        /** Still loading: a text that needs them waits. */
        LOADING,
        /** In: every text can be told. */
        LOADED,
        /** Could not be loaded: a text that needs them is refused. */
        FAILED
    }

    private static String sample(String text) {
        return text.length() <= SAMPLE_CHARS ? text : text.substring(0, SAMPLE_CHARS);
    }

    private com.github.pemistahl.lingua.api.LanguageDetector linguaDetector() {
        try {
            return lingua.join();
        } catch (CompletionException failed) {
            throw new IllegalStateException("Lingua's language models could not be loaded", failed.getCause());
        }
    }

    private DetectedLanguage lingua(String sample) {
        com.github.pemistahl.lingua.api.Language found = linguaDetector().detectLanguageOf(sample);
        if (found == com.github.pemistahl.lingua.api.Language.UNKNOWN) {
            return new DetectedLanguage(DetectedLanguage.UNDETERMINED, Optional.empty());
        }
        String code = found.getIsoCode639_1().name().toLowerCase(Locale.ROOT);
        return new DetectedLanguage(code, Optional.ofNullable(SUPPORTED.get(found)));
    }

    /**
     * Checks that a whole text the model wrote is in a language: its beginning, middle and end are each detected
     * ({@link #detect}), so that a long translation that slips back into the source language halfway is
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
            DetectedLanguage detected = detect(sample);
            if (detected.supported().filter(expected::equals).isEmpty()) {
                return Optional.of(detected);
            }
        }
        return Optional.empty();
    }
}

package io.precis.article;

import java.util.Optional;

/**
 * What the language detector found in a text.
 *
 * @param code      the ISO 639-1 code of the most likely language, or {@code "und"} when no language stands out
 * @param supported the supported language it is, if it is one
 */
public record DetectedLanguage(String code, Optional<Language> supported) {

    /** The code used when the detector cannot tell. */
    public static final String UNDETERMINED = "und";
}

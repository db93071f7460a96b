package io.precis.article;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A language the service reads, summarizes in or translates into, named on the wire by its ISO 639-1 code.
 *
 * <p>The English name is what the prompts use ("Write the summary in French").
 */
@Schema(name = "LanguageCode", description = "A supported language, by ISO 639-1 code.", enumeration = {"fr", "en"},
        example = "fr")
public enum Language {
    @JsonProperty("fr")
    FR("French", com.github.pemistahl.lingua.api.Language.FRENCH),
    @JsonProperty("en")
    EN("English", com.github.pemistahl.lingua.api.Language.ENGLISH);

    private final String englishName;
    private final com.github.pemistahl.lingua.api.Language lingua;

    Language(String englishName, com.github.pemistahl.lingua.api.Language lingua) {
        this.englishName = englishName;
        this.lingua = lingua;
    }

    /** The ISO 639-1 code, as used in the API. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The language's name in English, as written into prompts. */
    public String englishName() {
        return englishName;
    }

    com.github.pemistahl.lingua.api.Language lingua() {
        return lingua;
    }

    /** The supported language with this ISO 639-1 code, if any. */
    public static Optional<Language> fromCode(String code) {
        for (Language language : values()) {
            if (language.code().equalsIgnoreCase(code)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }
}

package bench;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the JSON-binding baseline binds a request to: the service's digest request (io.precis.api.DigestRequest)
 * field for field, with the same names, types and enum wire names, so that binding costs what it costs the service,
 * without the floor depending on the service's code.
 *
 * @param text            the article as plain text
 * @param html            the page the article is in, instead of text
 * @param title           the article's title
 * @param summaryLanguage the summary's language
 * @param targetLanguage  the translation's language
 * @param summaryLength   the summary's length
 * @param translate       whether to translate the article too
 */
public record DigestRequest(String text, String html, String title, Language summaryLanguage,
        Language targetLanguage, SummaryLength summaryLength, Boolean translate) {

    /** The service's languages, by their ISO 639-1 codes on the wire. */
    public enum Language {
        @JsonProperty("fr")
        FR,
        @JsonProperty("en")
        EN
    }

    /** The service's summary lengths, by their wire names. */
    public enum SummaryLength {
        @JsonProperty("short")
        SHORT,
        @JsonProperty("medium")
        MEDIUM,
        @JsonProperty("long")
        LONG
    }
}

package io.precis.digest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A summary in a response.
 *
 * @param language its language
 * @param text     the summary
 * @param length   the length that was asked for
 */
@Schema(name = "Summary", description = "A summary of the article.", example = """
        {"language": "en", "length": "short", "text": "Vladimir Putin and Donald Trump met in Anchorage, Alaska."}""")
public record SummaryView(
        @Schema(description = "Language of the summary.", example = "en") String language,
        @Schema(description = "The summary.", example = "Vladimir Putin and Donald Trump met in Anchorage, Alaska,"
                + " for talks behind closed doors.") String text,
        @Schema(description = "The length asked for.", example = "medium") String length) {

    static SummaryView of(Part part) {
        return part == null ? null : new SummaryView(part.language().code(), part.text(), part.length().code());
    }
}

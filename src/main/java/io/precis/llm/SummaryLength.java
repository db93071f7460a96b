package io.precis.llm;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.precis.problem.ApiEnums;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How long a summary should be. The word counts match the length instructions in {@code prompts/summarize.txt}. */
@Schema(name = "SummaryLength", description = "Length of a summary: short (one or two sentences, about 50 words),"
        + " medium (one paragraph, about 100 words) or long (two paragraphs, about 200 words).",
        enumeration = {"short", "medium", "long"}, example = "medium")
public enum SummaryLength {
    @JsonProperty("short")
    SHORT(50),
    @JsonProperty("medium")
    MEDIUM(100),
    @JsonProperty("long")
    LONG(200);

    private final int words;

    SummaryLength(int words) {
        this.words = words;
    }

    /** The wire name, such as {@code medium}. */
    public String code() {
        return ApiEnums.code(this);
    }

    /** The target number of words. */
    public int words() {
        return words;
    }

    /** Parses a request parameter; a 400 problem names the field when the value is not a length. */
    public static SummaryLength parse(String field, String value, SummaryLength fallback) {
        return ApiEnums.parse(SummaryLength.class, field, value, fallback);
    }
}

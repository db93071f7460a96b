package io.precis.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Tokens a provider reported for the calls that produced a result; a count is null when the provider did not report
 * it.
 *
 * @param inputTokens  prompt tokens
 * @param outputTokens generated tokens
 * @param totalTokens  both
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Usage", description = "Tokens the provider reported for the calls that produced the result.",
        example = "{\"inputTokens\": 812, \"outputTokens\": 96, \"totalTokens\": 908}")
public record TokenUsage(Integer inputTokens, Integer outputTokens, Integer totalTokens) {

    /** Adds two usages; either may be null, and a count unknown on both sides stays unknown. */
    public static TokenUsage sum(TokenUsage a, TokenUsage b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return new TokenUsage(add(a.inputTokens, b.inputTokens), add(a.outputTokens, b.outputTokens),
                add(a.totalTokens, b.totalTokens));
    }

    private static Integer add(Integer x, Integer y) {
        if (x == null) {
            return y;
        }
        return y == null ? x : x + y;
    }
}

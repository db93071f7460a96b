package io.precis.llm;

/**
 * Text a provider wrote, with what it cost.
 *
 * @param text  the cleaned, validated text
 * @param usage the tokens reported, or null
 */
public record Generation(String text, TokenUsage usage) {
}

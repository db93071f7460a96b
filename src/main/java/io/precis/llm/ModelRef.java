package io.precis.llm;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Which model wrote a result.
 *
 * @param provider the provider kind: openai, ollama or extractive
 * @param name     the model name as configured
 */
@Schema(name = "Model", description = "The provider and model that wrote the result.",
        example = "{\"provider\": \"openai\", \"name\": \"gpt-4o-mini\"}")
public record ModelRef(String provider, String name) {
}

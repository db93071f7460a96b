package io.precis.llm;

/** The providers an operator can pick with {@code LLM_PROVIDER}. */
public enum ProviderKind {
    /** Any OpenAI-compatible chat-completions endpoint. */
    OPENAI,
    /** Ollama's native API. */
    OLLAMA,
    /** No language model: key sentences picked from the article. */
    EXTRACTIVE;

    /** The name used in configuration and responses. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

package io.precis.llm;

/** The providers an operator can pick with {@code LLM_PROVIDER}. */
public enum ProviderKind {
    /** Any OpenAI-compatible chat-completions endpoint. */
    OPENAI,
    /** Ollama's native API. */
    OLLAMA,
    /** No language model: key sentences picked from the article. */
    EXTRACTIVE,
    /** A model run inside the service by llama.cpp (GGUF), downloaded on first start. */
    LOCAL;

    /** The name used in configuration and responses. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

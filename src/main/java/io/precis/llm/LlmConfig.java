package io.precis.llm;

import io.precis.core.MinDuration;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which language model writes summaries and translations, and how it is called. The groups' keys keep the environment
 * variables operators already use ({@link LegacyNames} maps the few that do not follow the groups' names). Every value
 * is checked at start-up: an invalid one stops the service with the setting's name and the reason.
 */
@ConfigMapping(prefix = "llm")
public interface LlmConfig {

    /** The provider: local (a model inside the service), openai, ollama, or extractive (no model) (env LLM_PROVIDER). */
    @WithDefault("local")
    ProviderKind provider();

    /** Base URL of the provider's API, such as https://api.openai.com/v1 or http://localhost:11434 (env LLM_BASE_URL). */
    Optional<@Pattern(regexp = "https?://\\S+", message = "must be an http:// or https:// URL") String> baseUrl();

    /** API key, sent as a bearer token; never logged (env LLM_API_KEY). */
    Optional<String> apiKey();

    /** Model name; defaults to gpt-4o-mini for openai and qwen2.5:1.5b for ollama (env LLM_MODEL). */
    Optional<String> model();

    /**
     * Deadline for one result, corrective retry included, from when the call gets a model slot; a model slower than
     * this gets a 504 (env LLM_TIMEOUT).
     */
    @WithDefault("120s")
    @MinDuration("1ms")
    Duration timeout();

    /** Time allowed to open a connection to the provider (env LLM_CONNECT_TIMEOUT). */
    @WithDefault("5s")
    @MinDuration("1ms")
    Duration connectTimeout();

    /** Sampling temperature; low keeps summaries and translations faithful (env LLM_TEMPERATURE). */
    @WithDefault("0.2")
    @DecimalMin("0")
    @DecimalMax("2")
    double temperature();

    /** Prompt tokens the model accepts; a longer article gets a 413 (env LLM_MAX_INPUT_TOKENS). */
    @WithDefault("32000")
    @Min(1000)
    int maxInputTokens();

    /** Tokens the model may write in one answer; a translation needing more gets a 413 (env LLM_MAX_OUTPUT_TOKENS). */
    @WithDefault("8192")
    @Min(256)
    int maxOutputTokens();

    /** Size an article is split into when it is too long for one call, in tokens (env LLM_CHUNK_TOKENS). */
    @WithDefault("2000")
    @Min(100)
    int chunkTokens();

    /** Chunks of one article sent to the model at once (env LLM_CHUNK_PARALLELISM). */
    @WithDefault("4")
    @Positive
    int chunkParallelism();

    /** Calls to the provider under way at once; the rest wait in a queue (env LLM_MAX_CONCURRENCY). */
    @WithDefault("32")
    @Positive
    int maxConcurrency();

    /**
     * How long a call may wait for a free slot; beyond that its request gets a 503 with Retry-After. LLM_TIMEOUT counts
     * from when the call gets a slot. As long as one call by default: a digest's two parts may wait for each other
     * on a one-slot model (env LLM_QUEUE_TIMEOUT).
     */
    @WithDefault("120s")
    @MinDuration("1ms")
    Duration queueTimeout();

    /** Calls that may wait for a free slot; beyond that requests get a 503 at once (env LLM_MAX_QUEUE). */
    @WithDefault("256")
    @PositiveOrZero
    int maxQueue();

    /**
     * Calls one API key (or client address) may have waiting; beyond that its requests get a 503, so one key cannot
     * fill the whole queue (env LLM_MAX_QUEUE_PER_KEY).
     */
    @WithDefault("64")
    @PositiveOrZero
    int maxQueuePerKey();

    /**
     * Slots one key's calls may not take while other keys have called in the last minute, so that their calls start at
     * once during its burst; a key alone takes every slot; 0 turns this off (env LLM_SLOTS_KEPT_FOR_OTHERS).
     */
    @WithDefault("1")
    @PositiveOrZero
    int slotsKeptForOthers();

    /** Whether a summary in the article's language falls back to the extractive summarizer when the model is
     * unavailable; such answers are marked degraded and never cached (env LLM_FALLBACK_EXTRACTIVE). */
    @WithDefault("true")
    boolean fallbackExtractive();

    /** Retries of failed calls. */
    Retry retry();

    /** The circuit breaker in front of the provider. */
    Circuit circuit();

    /** The model run inside the service (LLM_PROVIDER=local). */
    Local local();

    /** Ollama's own settings (LLM_PROVIDER=ollama). */
    Ollama ollama();

    /** Retries of failed calls, within the deadline. */
    interface Retry {

        /** Retry-After of a 503 the provider gave none for, or busy before any call ran (env LLM_RETRY_AFTER). */
        @WithDefault("10s")
        @MinDuration("1s")
        Duration after();

        /** Retries of a transient provider failure (429, 5xx, reset, malformed answer); 0 disables (env LLM_MAX_RETRIES). */
        @WithDefault("3")
        @Min(0)
        @Max(10)
        int maxRetries();

        /** First backoff before a retry; it doubles each time, with jitter (env LLM_RETRY_DELAY). */
        @WithDefault("500ms")
        @MinDuration("1ms")
        Duration delay();

        /** Longest backoff between retries, unless the provider's Retry-After asks for more (env LLM_RETRY_MAX_DELAY). */
        @WithDefault("10s")
        @MinDuration("1ms")
        Duration maxDelay();
    }

    /** When calls to a failing provider stop for a while. */
    interface Circuit {

        /** Calls in the circuit breaker's rolling window (env LLM_CIRCUIT_REQUEST_VOLUME). */
        @WithDefault("10")
        @Positive
        int requestVolume();

        /** Share of failed calls in the window that opens the circuit (env LLM_CIRCUIT_FAILURE_RATIO). */
        @WithDefault("0.5")
        @DecimalMin(value = "0", inclusive = false)
        @DecimalMax("1")
        double failureRatio();

        /** How long an open circuit fails calls fast before it lets a probe through (env LLM_CIRCUIT_DELAY). */
        @WithDefault("30s")
        @MinDuration("1ms")
        Duration delay();
    }

    /** The model run inside the service by llama.cpp. */
    interface Local {

        /** A GGUF file to load instead of downloading one (env LLM_MODEL_PATH). */
        Optional<Path> modelPath();

        /** A URL to download the GGUF from, instead of the Hugging Face repo and file (env LLM_MODEL_URL). */
        Optional<@Pattern(regexp = "https?://\\S+", message = "must be an http:// or https:// URL") String> modelUrl();

        /** Hugging Face repository of the GGUF (env LLM_MODEL_REPO). */
        @WithDefault("Qwen/Qwen2.5-1.5B-Instruct-GGUF")
        String modelRepo();

        /** File in that repository (env LLM_MODEL_FILE). */
        @WithDefault("qwen2.5-1.5b-instruct-q4_k_m.gguf")
        String modelFile();

        /** Repository revision, a commit for a reproducible download (env LLM_MODEL_REVISION). */
        @WithDefault("91cad51170dc346986eccefdc2dd33a9da36ead9")
        String modelRevision();

        /** Expected SHA-256 of the GGUF; known for the default model (env LLM_MODEL_SHA256). */
        Optional<@Pattern(regexp = "\\s*[0-9a-fA-F]{64}\\s*", message = "must be 64 hexadecimal digits")
                String> modelSha256();

        /** Where downloaded models are kept; default ~/.cache/precis/models (env LLM_MODEL_CACHE_DIR). */
        Optional<Path> modelCacheDir();

        /** Context size in tokens, prompt and answer together (env LLM_LOCAL_CONTEXT). */
        @WithDefault("8192")
        @Min(512)
        int context();

        /** CPU threads for generation; default all available cores (env LLM_LOCAL_THREADS). */
        OptionalInt threads();

        /**
         * Answers the model writes at once, batched together, each with its own LLM_LOCAL_CONTEXT (env
         * LLM_LOCAL_SLOTS).
         */
        @WithDefault("1")
        @Min(1)
        @Max(16)
        int slots();

        /** A writable directory for llama.cpp's native library; default .native beside the model (env LLM_LOCAL_NATIVE_DIR). */
        Optional<Path> nativeDir();
    }

    /** Settings of Ollama's native API. */
    interface Ollama {

        /** Context window Ollama allocates (num_ctx); unset keeps the server's default (env LLM_OLLAMA_NUM_CTX). */
        OptionalInt numCtx();
    }
}

package io.precis.metering;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * How much each caller (an API key, or a client address when the API has no keys) may ask of the service. With
 * {@code CACHE_BACKEND=redis} the limits are counted in Redis, so they hold across replicas; otherwise per pod.
 */
@ConfigMapping(prefix = "rate-limit")
public interface RateLimitConfig {

    /** Steady rate each API key (or client address, without keys) may sustain; 0 disables (env RATE_LIMIT_PER_MINUTE). */
    @WithDefault("600")
    @PositiveOrZero
    int perMinute();

    /** Requests a client may send at once above the steady rate (env RATE_LIMIT_BURST). */
    @WithDefault("60")
    @Positive
    int burst();

    /**
     * Characters of article each key (or address) may send per minute, every batch item counted; a minute's worth may
     * come at once, and one article of ARTICLE_MAX_CHARS always can; 0 disables (env RATE_LIMIT_CHARACTERS_PER_MINUTE).
     */
    @WithDefault("2000000")
    @PositiveOrZero
    int charactersPerMinute();

    /**
     * Wrong API keys a client address may present per minute (and at once) before it gets 429 for any key; 0 disables
     * (env RATE_LIMIT_FAILED_KEYS_PER_MINUTE).
     */
    @WithDefault("30")
    @PositiveOrZero
    int failedKeysPerMinute();
}

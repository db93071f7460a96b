package io.precis.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/** How fast each client may call the API. Limits are kept per pod. */
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
     * Wrong API keys a client address may present per minute (and at once) before it gets 429 for any key; 0 disables
     * (env RATE_LIMIT_FAILED_KEYS_PER_MINUTE).
     */
    @WithDefault("30")
    @PositiveOrZero
    int failedKeysPerMinute();
}

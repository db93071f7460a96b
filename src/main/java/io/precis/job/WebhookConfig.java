package io.precis.job;

import io.precis.core.MinDuration;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Where and how jobs' final documents are posted to their callbackUrl. */
@ConfigMapping(prefix = "webhook")
public interface WebhookConfig {

    /** Hosts a callbackUrl may name (names, *.suffix, IPs or CIDRs); private and loopback addresses only when listed as IPs; unset refuses callbacks (env WEBHOOK_ALLOWED_HOSTS). */
    Optional<List<String>> allowedHosts();

    /** Standard Webhooks signing secret, whsec_ and base64 of 24 to 64 random bytes; required with WEBHOOK_ALLOWED_HOSTS (env WEBHOOK_SECRET). */
    Optional<String> secret();

    /** Attempts to deliver one job's document before giving up (env WEBHOOK_MAX_ATTEMPTS). */
    @WithDefault("6")
    @Positive
    int maxAttempts();

    /** Wait before the second attempt; each later wait doubles (env WEBHOOK_RETRY_DELAY). */
    @WithDefault("5s")
    @MinDuration("10ms")
    Duration retryDelay();

    /** Longest one delivery may take, connecting included, before it counts as failed (env WEBHOOK_TIMEOUT). */
    @WithDefault("10s")
    @MinDuration("100ms")
    Duration timeout();
}

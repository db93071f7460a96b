package io.precis.security;

import io.precis.metering.RateLimitConfig;
import io.precis.metering.TokenBuckets;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;

/**
 * Wrong API keys presented per client address, {@code RATE_LIMIT_FAILED_KEYS_PER_MINUTE}, so that keys cannot be
 * guessed at the speed of the network. Counted in each pod's memory: a guesser spreading its attempts over N replicas
 * gets N times the rate, which is still far too slow to guess a key.
 */
@ApplicationScoped
public class KeyAttempts {

    private final TokenBuckets failed;

    public KeyAttempts(RateLimitConfig config) {
        this.failed = new TokenBuckets(config.failedKeysPerMinute(), config.failedKeysPerMinute());
    }

    /**
     * How long a client address must wait before it may present an API key again, after too many wrong ones; empty
     * when it may now.
     */
    public Optional<Duration> barred(String address) {
        return failed.waitFor(address);
    }

    /** Counts a wrong API key presented from a client address. */
    public void failed(String address) {
        failed.take(address, 1);
    }

    /** Forgets every address's count, as a restart would. */
    public void forgetAll() {
        failed.forgetAll();
    }
}

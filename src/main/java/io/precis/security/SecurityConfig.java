package io.precis.security;

import io.precis.core.MinDuration;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Who may call the API. */
@ConfigMapping(prefix = "api")
public interface SecurityConfig {

    /** Whether the API needs keys. */
    enum Auth {
        /** Keys are required: no key configured stops the start. */
        REQUIRED,
        /** The service may start without keys, the API then open to anyone who reaches it. */
        DISABLED
    }

    /**
     * Comma-separated API keys, each {@code name:key} (the name labels its usage and metrics) or a bare key; when set,
     * every /api call needs one of them (env API_KEYS, from a Secret).
     */
    Optional<List<String>> keys();

    /**
     * A file of API keys, one {@code name:key} per line ({@code #} starts a comment), read again when it changes, so
     * keys are added and revoked without a restart; when set, every /api call needs a key (env API_KEYS_FILE).
     */
    Optional<Path> keysFile();

    /**
     * required: the service refuses to start without a key (the packaged service's default); disabled: it may start
     * without one, the API then open; keys configured are required either way (env API_AUTH; disabled in dev mode).
     */
    @WithDefault("required")
    Auth auth();

    /** How often the keys file is checked for changes (env API_KEYS_FILE_CHECK_INTERVAL). */
    @WithDefault("5s")
    @MinDuration("10ms")
    Duration keysFileCheckInterval();
}

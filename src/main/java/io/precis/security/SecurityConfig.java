package io.precis.security;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/** Who may call the API. */
@ConfigMapping(prefix = "api")
public interface SecurityConfig {

    /** Comma-separated API keys; when set, every /api call needs one of them (env API_KEYS, from a Secret). */
    Optional<List<String>> keys();
}

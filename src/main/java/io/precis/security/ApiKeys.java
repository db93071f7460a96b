package io.precis.security;

import io.precis.core.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * The configured API keys, held as SHA-256 digests and compared in constant time: every configured key is compared,
 * whatever matched, so the time taken says nothing about how close a guess was. Keys are never logged.
 */
@ApplicationScoped
public class ApiKeys {

    private final List<byte[]> digests;

    public ApiKeys(SecurityConfig config) {
        this.digests = config.keys().orElse(List.of()).stream()
                .map(String::strip).filter(key -> !key.isEmpty())
                .map(ApiKeys::digest).toList();
    }

    /** Whether the API requires keys at all. */
    public boolean required() {
        return !digests.isEmpty();
    }

    /**
     * Checks a presented key.
     *
     * @return an identifier of the key for rate limiting (a prefix of its digest, not the key), or empty
     */
    public Optional<String> identify(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] candidate = digest(presented);
        boolean matched = false;
        for (byte[] known : digests) {
            matched |= MessageDigest.isEqual(known, candidate);
        }
        return matched ? Optional.of("key:" + java.util.HexFormat.of().formatHex(candidate, 0, 8)) : Optional.empty();
    }

    private static byte[] digest(String key) {
        return Sha256.digest(key);
    }
}

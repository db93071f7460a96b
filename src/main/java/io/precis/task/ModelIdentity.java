package io.precis.task;

import java.util.Objects;

/**
 * Exactly which model writes: two models with the same name behind two servers, or two files under one name, are two
 * models.
 *
 * @param provider    the provider kind: local, openai, ollama or extractive
 * @param name        the model's name
 * @param fingerprint what tells this model from others of that name: the API's base URL (without credentials), the
 *                    SHA-256 of the model file, or the algorithm for a provider without a model
 */
public record ModelIdentity(String provider, String name, String fingerprint) {

    public ModelIdentity {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }
}

package io.precis.task;

import java.util.Objects;

/**
 * Who writes a text and how: the model, the settings it generates with, and the prompts it is given. Whatever of the
 * provider's configuration can change a text belongs here, so that changing it never serves a text written otherwise.
 *
 * @param model         which model, exactly
 * @param settings      the generation settings
 * @param promptVersion the version of the prompts (for the extractive provider, of its algorithm)
 */
public record Author(ModelIdentity model, GenerationSettings settings, String promptVersion) {

    public Author {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(promptVersion, "promptVersion");
    }
}

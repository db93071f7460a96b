package io.precis.task;

import java.util.Objects;

/**
 * Who writes a text and how: the model, the settings it generates with, the prompts it is given, and the version of
 * the service's own code around the model. Whatever can change a text belongs here, so that changing it never serves
 * a text written otherwise.
 *
 * @param model         which model, exactly
 * @param settings      the generation settings
 * @param promptVersion the version of the prompts (for the extractive provider, of its algorithm)
 * @param codeVersion   the version of the code that shapes the text besides the model and its prompts: how an answer
 *                      is cleaned and checked, how a long article is split; bumped when that code changes
 */
public record Author(ModelIdentity model, GenerationSettings settings, String promptVersion, String codeVersion) {

    public Author {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(promptVersion, "promptVersion");
        Objects.requireNonNull(codeVersion, "codeVersion");
    }
}

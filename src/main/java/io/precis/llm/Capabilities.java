package io.precis.llm;

import io.precis.core.Failure;
import io.precis.core.ServiceException;
import io.precis.task.SummaryTask;
import io.precis.task.Task;
import io.precis.task.TranslationTask;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a provider is and what it can do, as data fixed at start-up: callers ask it before they give a provider a
 * task, so no provider is ever asked for something it cannot do.
 *
 * @param model                     the provider and model, as reported with results
 * @param promptVersion             the version of its prompts (or algorithm), as reported with results
 * @param translates                whether it can translate
 * @param summarizesAcrossLanguages whether it can summarize in a language other than the article's
 * @param concurrencyLimit          how many calls it serves at once, when it knows better than the configured bulkhead
 */
public record Capabilities(ModelRef model, String promptVersion, boolean translates,
        boolean summarizesAcrossLanguages, OptionalInt concurrencyLimit) {

    /** How to get a provider that can do more, for the problems that refuse what this one cannot do. */
    static final String HOW_TO_ENABLE = "Set LLM_PROVIDER=local (a model inside the service), or LLM_PROVIDER=openai"
            + " with LLM_BASE_URL, LLM_MODEL and LLM_API_KEY (any OpenAI-compatible endpoint), or LLM_PROVIDER=ollama"
            + " with LLM_BASE_URL and LLM_MODEL.";

    /** What it can do now: only what needs no model while its model is not ready. */
    public Capabilities now(Availability availability) {
        return availability.ready() ? this : new Capabilities(model, promptVersion, false, false, concurrencyLimit);
    }

    /** Why the provider cannot do a task, if it cannot. */
    public Optional<ServiceException> refusal(Task task) {
        if (task instanceof TranslationTask translation && !translates) {
            return Optional.of(new ServiceException(Failure.CAPABILITY_UNAVAILABLE, name() + " cannot translate; a"
                    + " translation into '" + translation.target().code() + "' needs a language model. Send"
                    + " translate=false for a summary only, or enable a model. " + HOW_TO_ENABLE));
        }
        if (task instanceof SummaryTask summary && !summarizesAcrossLanguages && summary.language() != summary.source()) {
            return Optional.of(new ServiceException(Failure.CAPABILITY_UNAVAILABLE, name() + " summarizes only in"
                    + " the article's own language, '" + summary.source().code() + "'; a summary in '"
                    + summary.language().code() + "' needs a language model. " + HOW_TO_ENABLE));
        }
        return Optional.empty();
    }

    private String name() {
        return "The " + model.provider() + " provider (LLM_PROVIDER=" + model.provider() + ")";
    }
}

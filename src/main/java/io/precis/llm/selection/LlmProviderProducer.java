package io.precis.llm.selection;

import io.precis.article.LanguageDetector;
import io.precis.check.OutputChecks;
import io.precis.llm.LlmConfig;
import io.precis.llm.LlmProvider;
import io.precis.llm.LlmTelemetry;
import io.precis.llm.ModelRef;
import io.precis.llm.OllamaProvider;
import io.precis.llm.OpenAiProvider;
import io.precis.llm.ProviderKind;
import io.precis.llm.ProviderUrls;
import io.precis.llm.extractive.ExtractiveProvider;
import io.precis.llm.local.LocalModel;
import io.precis.llm.local.LocalProvider;
import io.precis.prompt.PromptLibrary;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** Picks the provider named by {@code LLM_PROVIDER} at start-up; only that one is built. */
@ApplicationScoped
public class LlmProviderProducer {

    private static final Logger LOG = Logger.getLogger(LlmProviderProducer.class);

    @Produces
    @Singleton
    @Startup
    LlmProvider provider(LlmConfig config, PromptLibrary prompts, LanguageDetector detector,
            OutputChecks checks, LlmTelemetry telemetry, LocalModel local, ExtractiveProvider extractive,
            Vertx vertx) {
        LlmProvider provider = switch (config.provider()) {
            case OPENAI -> new OpenAiProvider(config, prompts, detector, checks, telemetry, vertx);
            case OLLAMA -> new OllamaProvider(config, prompts, detector, checks, telemetry, vertx);
            case EXTRACTIVE -> extractive;
            case LOCAL -> new LocalProvider(config, prompts, detector, checks, telemetry, local);
        };
        ModelRef model = provider.capabilities().model();
        if (config.provider() == ProviderKind.LOCAL) {
            // The local model says where it stands itself, in order: preparing, then ready or failed with the fix.
            return provider;
        }
        LOG.infof("LLM provider: %s, model %s%s", model.provider(), model.name(),
                switch (config.provider()) {
                    case EXTRACTIVE -> " (no language model: source-language summaries only)";
                    default -> " at " + config.baseUrl().map(ProviderUrls::withoutCredentials)
                            .orElse("its default URL");
                });
        return provider;
    }
}

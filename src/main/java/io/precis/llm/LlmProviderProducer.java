package io.precis.llm;

import io.precis.article.LanguageDetector;
import io.precis.llm.extractive.ExtractiveProvider;
import io.precis.prompt.PromptLibrary;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.runtime.Startup;
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
            LlmTelemetry telemetry) {
        LlmProvider provider = switch (config.provider()) {
            case OPENAI -> new OpenAiProvider(config, prompts, detector, telemetry);
            case OLLAMA -> new OllamaProvider(config, prompts, detector, telemetry);
            case EXTRACTIVE -> new ExtractiveProvider();
        };
        LOG.infof("LLM provider: %s, model %s%s", provider.model().provider(), provider.model().name(),
                config.provider() == ProviderKind.EXTRACTIVE ? " (no language model: source-language summaries only)"
                        : " at " + config.baseUrl().orElse("its default URL"));
        return provider;
    }
}

package io.precis.llm;

import io.precis.article.LanguageDetector;
import io.precis.llm.extractive.ExtractiveProvider;
import io.precis.llm.local.LocalModel;
import io.precis.llm.local.LocalProvider;
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
            LlmTelemetry telemetry, LocalModel local) {
        LlmProvider provider = switch (config.provider()) {
            case OPENAI -> new OpenAiProvider(config, prompts, detector, telemetry);
            case OLLAMA -> new OllamaProvider(config, prompts, detector, telemetry);
            case EXTRACTIVE -> new ExtractiveProvider();
            case LOCAL -> new LocalProvider(config, prompts, detector, telemetry, local);
        };
        LOG.infof("LLM provider: %s, model %s%s", provider.model().provider(), provider.model().name(),
                switch (config.provider()) {
                    case EXTRACTIVE -> " (no language model: source-language summaries only)";
                    case LOCAL -> " (in process; it loads in the background)";
                    default -> " at " + config.baseUrl().map(LlmProviderProducer::withoutCredentials)
                            .orElse("its default URL");
                });
        return provider;
    }

    /** The URL without user info or query, either of which may carry a secret. */
    public static String withoutCredentials(String url) {
        try {
            java.net.URI uri = java.net.URI.create(url);
            return new java.net.URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null)
                    .toString();
        } catch (IllegalArgumentException | java.net.URISyntaxException e) {
            return "(unparseable URL)";
        }
    }
}

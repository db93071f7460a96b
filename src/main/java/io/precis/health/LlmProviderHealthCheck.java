package io.precis.health;

import io.precis.llm.LlmConfig;
import io.precis.llm.LlmProvider;
import io.precis.llm.LlmProviderProducer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Shows in readiness which provider and model serve requests. It does not call the provider: a remote model that
 * every replica shares must not take every replica out of the load balancer at once, and its failures already reach
 * clients as 503 problems.
 */
@Readiness
@ApplicationScoped
public class LlmProviderHealthCheck implements HealthCheck {

    private final LlmProvider provider;
    private final LlmConfig config;

    public LlmProviderHealthCheck(LlmProvider provider, LlmConfig config) {
        this.provider = provider;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("llm").up()
                .withData("provider", provider.model().provider())
                .withData("model", provider.model().name())
                .withData("promptVersion", provider.promptVersion())
                .withData("translates", provider.translates());
        config.baseUrl().ifPresent(url -> response.withData("baseUrl", LlmProviderProducer.withoutCredentials(url)));
        return response.build();
    }
}

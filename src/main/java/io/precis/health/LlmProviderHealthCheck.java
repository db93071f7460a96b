package io.precis.health;

import io.precis.llm.Availability;
import io.precis.llm.Capabilities;
import io.precis.llm.LlmConfig;
import io.precis.llm.LlmProvider;
import io.precis.llm.ProviderUrls;
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
        Availability availability = provider.availability();
        Capabilities capabilities = provider.capabilities().now(availability);
        // UP even when the model is not ready: the local model's own check takes readiness down while it is prepared.
        var response = HealthCheckResponse.named("llm").up()
                .withData("provider", capabilities.model().provider())
                .withData("model", capabilities.model().name())
                .withData("promptVersion", capabilities.promptVersion())
                .withData("state", availability.state())
                .withData("translates", capabilities.translates())
                .withData("summarizesAcrossLanguages", capabilities.summarizesAcrossLanguages());
        availability.reason().ifPresent(reason -> response.withData("unavailableReason", reason));
        config.baseUrl().ifPresent(url -> response.withData("baseUrl", ProviderUrls.withoutCredentials(url)));
        return response.build();
    }
}

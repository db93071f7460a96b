package io.precis.health;

import io.precis.llm.LlmConfig;
import io.precis.llm.LlmProvider;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
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
        config.baseUrl().ifPresent(url -> response.withData("baseUrl", withoutCredentials(url)));
        return response.build();
    }

    /** The URL without user info or query, either of which may carry a secret. */
    static String withoutCredentials(String url) {
        try {
            URI uri = URI.create(url);
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (IllegalArgumentException | URISyntaxException e) {
            return "(unparseable)";
        }
    }
}

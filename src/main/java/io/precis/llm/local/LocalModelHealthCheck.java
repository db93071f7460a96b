package io.precis.llm.local;

import io.precis.llm.LlmConfig;
import io.precis.llm.ProviderKind;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * With the local provider, the pod is ready only once its model is loaded: a pod that cannot do its job takes no
 * traffic. The details say where preparation stands: downloading (with percent), loading, ready, or failed and why.
 * Liveness does not depend on it.
 */
@Readiness
@ApplicationScoped
public class LocalModelHealthCheck implements HealthCheck {

    private final LlmConfig config;
    private final LocalModel local;

    public LocalModelHealthCheck(LlmConfig config, LocalModel local) {
        this.config = config;
        this.local = local;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("local-model");
        if (config.provider() != ProviderKind.LOCAL) {
            return response.up().withData("used", false).build();
        }
        LocalModel.State state = local.state();
        response.status(state.phase() == LocalModel.Phase.READY)
                .withData("model", local.name())
                .withData("state", state.phase().name().toLowerCase(java.util.Locale.ROOT))
                .withData("detail", state.detail());
        if (state.phase() == LocalModel.Phase.FAILED) {
            response.withData("fix", LocalModel.FIX);
        }
        if (state.percent() >= 0) {
            response.withData("percent", state.percent());
        }
        return response.build();
    }
}

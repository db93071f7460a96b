package io.precis.health;

import io.precis.article.LanguageDetector;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Keeps readiness down until the language detector's models are in. They load off the start-up path, so that the
 * service listens sooner; a replica takes traffic only once every article's language can be told without waiting.
 */
@Readiness
@ApplicationScoped
public class LanguageDetectorHealthCheck implements HealthCheck {

    private final LanguageDetector detector;

    public LanguageDetectorHealthCheck(LanguageDetector detector) {
        this.detector = detector;
    }

    @Override
    public HealthCheckResponse call() {
        LanguageDetector.Models models = detector.models();
        return HealthCheckResponse.named("language-detector").status(models == LanguageDetector.Models.LOADED)
                .withData("models", models.name().toLowerCase(Locale.ROOT)).build();
    }
}

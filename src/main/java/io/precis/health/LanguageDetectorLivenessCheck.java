package io.precis.health;

import io.precis.article.LanguageDetector;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Takes liveness down when the language detector's models could not be loaded (an out-of-memory error while they
 * load): readiness alone would leave a replica that never becomes ready and is never restarted. Up while they load.
 */
@Liveness
@ApplicationScoped
public class LanguageDetectorLivenessCheck implements HealthCheck {

    private final LanguageDetector detector;

    public LanguageDetectorLivenessCheck(LanguageDetector detector) {
        this.detector = detector;
    }

    @Override
    public HealthCheckResponse call() {
        LanguageDetector.Models models = detector.models();
        return HealthCheckResponse.named("language-detector").status(models != LanguageDetector.Models.FAILED)
                .withData("models", models.name().toLowerCase(Locale.ROOT)).build();
    }
}

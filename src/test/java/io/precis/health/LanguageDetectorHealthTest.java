package io.precis.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.precis.article.Detectors;
import io.precis.article.LanguageDetector;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class LanguageDetectorHealthTest {

    @Test
    void isNotReadyButAliveWhileTheModelsLoad() {
        CountDownLatch release = new CountDownLatch(1);
        LanguageDetector loading = Detectors.loadingUntil(release);
        try {
            assertThat(new LanguageDetectorHealthCheck(loading).call().getStatus())
                    .isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(new LanguageDetectorLivenessCheck(loading).call().getStatus())
                    .isEqualTo(HealthCheckResponse.Status.UP);
        } finally {
            release.countDown();
        }
    }

    @Test
    void isNeitherReadyNorAliveWhenTheModelsCouldNotBeLoaded() {
        LanguageDetector failed = Detectors.failed();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(new LanguageDetectorLivenessCheck(failed).call().getStatus())
                        .isEqualTo(HealthCheckResponse.Status.DOWN));
        HealthCheckResponse ready = new LanguageDetectorHealthCheck(failed).call();
        assertThat(ready.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(ready.getData()).hasValueSatisfying(data -> assertThat(data).containsEntry("models", "failed"));
    }
}

package io.precis.article;

import java.util.concurrent.CountDownLatch;

/** Language detectors in the states a test needs, whose models load as the test says. */
public final class Detectors {

    private Detectors() {
    }

    /** A detector whose models failed to load. */
    public static LanguageDetector failed() {
        return new LanguageDetector(() -> {
            throw new OutOfMemoryError("Java heap space");
        });
    }

    /** A detector whose models are loading until {@code release} is counted down, then fail to. */
    public static LanguageDetector loadingUntil(CountDownLatch release) {
        return new LanguageDetector(() -> {
            try {
                release.await();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            throw new OutOfMemoryError("Java heap space");
        });
    }
}

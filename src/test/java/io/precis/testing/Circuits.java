package io.precis.testing;

import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/** Puts the circuit breakers back to closed between tests, so that failures in one test do not open them for the next. */
public final class Circuits {

    private Circuits() {
    }

    public static void close(String provider) {
        CircuitBreakerMaintenance.get().reset("llm-" + provider);
    }
}

package io.precis.quality;

/** The configured provider cannot serve the evaluation at all, such as a local model that failed to load. */
public class ProviderNotReadyException extends RuntimeException {

    public ProviderNotReadyException(String reason) {
        super(reason);
    }
}

package io.precis.quality;

/** The service cannot be evaluated at all: it is not there, or its model could not be made ready. */
final class ServiceNotReadyException extends RuntimeException {

    ServiceNotReadyException(String reason) {
        super(reason);
    }
}

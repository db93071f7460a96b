package io.precis.llm;

import java.util.Optional;

/**
 * Whether a provider can write now: a remote provider is taken to be (its failures reach clients as problems), a
 * model inside the service is not while it downloads or loads, or once it failed.
 *
 * @param ready  whether it can write now
 * @param state  where it stands: ready, or the local model's phase (downloading, loading, failed, ...)
 * @param reason why it cannot write, with the settings that fix it; empty when ready
 */
public record Availability(boolean ready, String state, Optional<String> reason) {

    /** A provider that can write. */
    public static final Availability READY = new Availability(true, "ready", Optional.empty());
}

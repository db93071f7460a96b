package io.precis.task;

import java.util.Objects;

/**
 * Who asked for work: an API key, by the name it was given, or a client address when the API has no keys. Work is
 * metered and model calls are scheduled per caller. A caller is never part of a task: two callers asking for the same
 * text share one result.
 *
 * @param id    what the caller's limits and usage are counted under: {@code key:<name>} or {@code address:<network>}
 * @param label the caller's name in metrics and logs: the key's name, or {@code anonymous} for addresses, so that
 *              the labels stay as few as the configured keys
 */
public record Caller(String id, String label) {

    public Caller {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
    }

    /** The caller presenting the key of this name. */
    public static Caller key(String name) {
        return new Caller("key:" + name, name);
    }

    /** A caller known only by its network, when the API has no keys. */
    public static Caller address(String network) {
        return new Caller("address:" + network, "anonymous");
    }
}

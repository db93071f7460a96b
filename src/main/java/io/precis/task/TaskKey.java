package io.precis.task;

import io.precis.core.Sha256;

/**
 * The key of a task's stored result: the SHA-256 of the task's canonical form, which holds every component of the
 * task ({@link Canonical}). Two tasks have the same key exactly when they are equal.
 *
 * @param kind   summary or translation, readable in stores
 * @param digest 64 hex digits
 */
public record TaskKey(String kind, String digest) {

    /** The key of a task. */
    static TaskKey of(Task task) {
        return new TaskKey(kind(task), Sha256.hex(Canonical.of(task)));
    }

    private static String kind(Task task) {
        return task instanceof SummaryTask ? "summary" : "translation";
    }

    /** The key as one string, such as {@code summary:3f9a...}. */
    public String value() {
        return kind + ":" + digest;
    }

    @Override
    public String toString() {
        return value();
    }
}

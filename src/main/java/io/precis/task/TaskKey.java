package io.precis.task;

import io.precis.core.Sha256;
import java.util.Objects;

/**
 * The key of a task's stored result: the SHA-256 of the task's canonical form, which holds every component of the
 * task ({@link Canonical}). Equal tasks have the same key, and tasks that differ in any component have different
 * ones. The article counts by its hash, which the same text laid out with other whitespace shares by design: the
 * service treats it as the same article.
 *
 * <p>Only a task makes its key: there is no other way to build one, so nothing can store a result under a key that
 * leaves something of its task out.
 */
public final class TaskKey {

    private final String kind;
    private final String digest;

    private TaskKey(String kind, String digest) {
        this.kind = kind;
        this.digest = digest;
    }

    /** The key of a task. */
    static TaskKey of(Task task) {
        return new TaskKey(task instanceof SummaryTask ? "summary" : "translation", Sha256.hex(Canonical.of(task)));
    }

    /** Summary or translation, readable in stores. */
    public String kind() {
        return kind;
    }

    /** The key as one string, such as {@code summary:3f9a...}: the kind and 64 hex digits. */
    public String value() {
        return kind + ":" + digest;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TaskKey key && kind.equals(key.kind) && digest.equals(key.digest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, digest);
    }

    @Override
    public String toString() {
        return value();
    }
}

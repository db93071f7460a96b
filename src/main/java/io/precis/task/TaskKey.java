package io.precis.task;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.precis.article.Article;
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

    /**
     * Keys of recent tasks, each task held with its article as its hash alone: a cache hit computes its tasks' keys on
     * the event loop at every request, and their canonical forms and SHA-256 were the largest part of its own work.
     * Found by the task's value: equal tasks have equal canonical forms, since every record in a task compares
     * component by component (none overrides equals, and none holds a type whose equals could: TaskKeyTest) and the
     * form reads nothing else. Bounded by what the entries weigh: about 16 000 tasks without a glossary.
     */
    private static final Cache<Task, TaskKey> RECENT = Caffeine.newBuilder()
            .maximumWeight(8L * 1024 * 1024)
            .weigher((Task task, TaskKey key) -> weight(task))
            .build();

    /** The key of a task. */
    static TaskKey of(Task task) {
        // Nothing of the article but its hash is in its form: held by it alone, an entry keeps no article's text.
        Task held = task.article().hasText() ? task.withArticle(Article.knownBy(task.article().hash())) : task;
        TaskKey key = RECENT.getIfPresent(held);
        if (key == null) {
            key = computed(task);
            RECENT.put(held, key);
        }
        return key;
    }

    /** The key of a task, worked out from its canonical form. */
    static TaskKey computed(Task task) {
        return new TaskKey(task instanceof SummaryTask ? "summary" : "translation", Sha256.hex(Canonical.of(task)));
    }

    /**
     * Roughly the bytes an entry keeps: the task and its key with their strings and the cache's node (about 500), and
     * what no other task shares, its title and its glossary.
     */
    private static int weight(Task task) {
        int chars = task.title() == null ? 0 : task.title().length();
        if (task.glossary() != null) {
            chars += task.glossary().terms().stream().mapToInt(t -> t.source().length() + t.target().length()).sum();
            chars += task.glossary().keep().stream().mapToInt(String::length).sum();
        }
        return 512 + 2 * chars;
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

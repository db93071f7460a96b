/**
 * The generation task: what to write ({@link io.precis.task.Task}), the key derived from it, and the vocabulary of
 * writing it (deadlines, cancellation, text as it streams, token usage). Shared by the providers, the cache and the
 * use cases, it depends on nothing of theirs.
 */
package io.precis.task;

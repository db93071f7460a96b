package io.precis.llm;

import io.precis.task.Author;
import io.precis.task.Cancellation;
import io.precis.task.Deadline;
import io.precis.task.Generation;
import io.precis.task.Task;
import io.precis.task.TextSink;
import java.util.concurrent.CompletableFuture;

/**
 * A language model that can summarize or translate an article: one implementation per provider, the one in use
 * picked at start-up from {@code LLM_PROVIDER}.
 *
 * <p>Callers ask its {@linkplain #capabilities() capabilities} and {@linkplain #budget() budget} before they give it a
 * task, and give it only tasks those allow. Writing returns a future: a provider called over the network holds no
 * thread while the model writes; the extractive one computes on the common pool, and a model in this process on a
 * thread of its own. The call returns once its work has started. Failures are {@link io.precis.core.ServiceException}s: unavailable, timed out, or an unusable
 * answer.
 */
public interface LlmProvider {

    /** What it is and what it can do. */
    Capabilities capabilities();

    /**
     * Who writes its texts and how: everything about the provider that can change a text, for the tasks it is given.
     *
     * @throws io.precis.core.ServiceException unavailable, while the model is not yet known exactly (a local model
     *                                         file whose checksum is still being computed)
     */
    Author author();

    /** Whether it can write now, and if not, why and what fixes it. */
    default Availability availability() {
        return Availability.READY;
    }

    /** What its model can take. */
    TokenBudget budget();

    /**
     * Writes the text of a task before the deadline. A provider that streams passes the text to {@code sink} as the
     * model writes it; others pass it whole once written.
     *
     * @param task a task its capabilities and budget allow, whose author is its own
     * @param stop fires when nobody waits for the text any more (its deadline passed, its clients left): the call
     *             under way is given up at once
     * @param sink receives the text as it is written; {@link TextSink#NONE} when nobody reads it before the end
     * @return the text, once written, or why it was not
     */
    CompletableFuture<Generation> write(Task task, Deadline deadline, Cancellation stop, TextSink sink);
}

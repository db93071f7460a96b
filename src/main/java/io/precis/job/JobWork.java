package io.precis.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.precis.task.Caller;
import io.precis.task.Tracker;
import java.util.concurrent.CompletableFuture;

/** What a job does with its order: the same work as the synchronous call it stands for, on any replica. */
public interface JobWork {

    /**
     * Runs an order, reporting to {@code tracker} and stopping when it is cancelled.
     *
     * @param owner who created the job
     * @param order the request, as the job stored it
     * @return what the synchronous call would answer, to be written as JSON
     */
    CompletableFuture<Object> run(Caller owner, JsonNode order, Tracker tracker);

    /**
     * The problem a job ended in, as the synchronous call would have answered it, to be written as JSON.
     *
     * @param failure why it failed
     * @param jobId   the job, where the problem happened
     */
    Object problem(Throwable failure, String jobId);

    /** A job as its owner reads it, to be written as JSON: what its webhook posts. */
    Object view(Job job);
}

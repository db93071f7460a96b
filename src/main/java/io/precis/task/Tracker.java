package io.precis.task;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a request that runs in the background reports as it goes, and how it is called off. The use cases count the
 * parts of a request (a summary, a translation; each item's in a batch) and the chunks and tokens of the parts they
 * write themselves; a part served from the cache, or from a computation another request started, counts as done
 * without chunks. Cancelling leaves every computation the request waits for, which stops the model calls nobody else
 * waits for.
 */
public final class Tracker {

    private final Deadline deadline;
    private final Cancellation cancellation = new Cancellation();
    private final AtomicInteger partsTotal = new AtomicInteger();
    private final AtomicInteger partsDone = new AtomicInteger();
    private final AtomicInteger chunksTotal = new AtomicInteger();
    private final AtomicInteger chunksDone = new AtomicInteger();
    private final AtomicLong tokensWritten = new AtomicLong();

    /** A request answered while its client waits: each model call has {@code LLM_TIMEOUT}. */
    public Tracker() {
        this(null);
    }

    /**
     * A request with a deadline of its own (a job): its model calls may run until then.
     *
     * @param deadline the request's deadline, or null
     */
    public Tracker(Deadline deadline) {
        this.deadline = deadline;
    }

    /** The request's own deadline, for its model calls; null when they have the usual one. */
    public Deadline deadline() {
        return deadline;
    }

    /** How the request is called off. */
    public Cancellation cancellation() {
        return cancellation;
    }

    /** More parts to do. */
    public void partsPlanned(int parts) {
        partsTotal.addAndGet(parts);
    }

    /** A part is done. */
    public void partDone() {
        partsDone.incrementAndGet();
    }

    /** More chunks to write: the calls a part this request writes is split into. */
    public void chunksPlanned(int chunks) {
        chunksTotal.addAndGet(chunks);
    }

    /** A chunk is written. */
    public void chunkDone() {
        chunksDone.incrementAndGet();
    }

    /** Tokens the model wrote for this request (as the provider counted them). */
    public void tokensWritten(long tokens) {
        tokensWritten.addAndGet(tokens);
    }

    /**
     * Starts counting parts and chunks again, for work tried again from the start (whatever was done is then served
     * from the cache and counted as done again); tokens written stay counted.
     */
    public void restart() {
        partsTotal.set(0);
        partsDone.set(0);
        chunksTotal.set(0);
        chunksDone.set(0);
    }

    /** The counts now. */
    public Snapshot snapshot() {
        return new Snapshot(partsDone.get(), partsTotal.get(), chunksDone.get(), chunksTotal.get(),
                tokensWritten.get());
    }

    /**
     * Counts at one moment.
     *
     * @param partsDone     parts done
     * @param partsTotal    parts planned so far
     * @param chunksDone    chunks written
     * @param chunksTotal   chunks planned so far
     * @param tokensWritten tokens the model wrote
     */
    public record Snapshot(int partsDone, int partsTotal, int chunksDone, int chunksTotal, long tokensWritten) {
    }
}

package io.precis.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.precis.task.Caller;
import io.precis.task.Tracker;
import java.time.Instant;

/**
 * A job as stored: what was asked, by whom, and where it stands. What its owner reads of it is everything but the
 * order, the owner and the callback.
 *
 * @param id          the job's id: 128 random bits, so that ids cannot be guessed
 * @param ownerId     the id of the caller that created it ({@link Caller#id()})
 * @param ownerLabel  that caller's label, for its model calls' turns and metrics
 * @param order       the request, in the form the work reads it again, on any replica
 * @param callbackUrl where the final document is posted, or null
 * @param status      where it stands
 * @param createdAt   when it was accepted
 * @param startedAt   when it first started, or null
 * @param finishedAt  when it finished, or null
 * @param progress    counts so far
 * @param result      the synchronous call's answer, once succeeded
 * @param problem     the problem it ended in, once failed
 */
public record Job(String id, String ownerId, String ownerLabel, JsonNode order, String callbackUrl, JobStatus status,
        Instant createdAt, Instant startedAt, Instant finishedAt, Progress progress, JsonNode result,
        JsonNode problem) {

    /** A job just accepted. */
    static Job queued(String id, Caller owner, JsonNode order, String callbackUrl, Instant now) {
        return new Job(id, owner.id(), owner.label(), order, callbackUrl, JobStatus.QUEUED, now, null, null,
                Progress.NONE, null, null);
    }

    /** Who created it. */
    public Caller owner() {
        return new Caller(ownerId, ownerLabel);
    }

    /** Started now, unless it had started before on a replica that died. */
    Job running(Instant now) {
        return new Job(id, ownerId, ownerLabel, order, callbackUrl, JobStatus.RUNNING,
                createdAt, startedAt == null ? now : startedAt, null, progress, null, null);
    }

    /** With new counts. */
    Job progressed(Progress now) {
        return new Job(id, ownerId, ownerLabel, order, callbackUrl, status, createdAt, startedAt, finishedAt, now,
                result, problem);
    }

    /** Ended; the order is no longer needed and is dropped, so that a kept job holds its answer only. */
    Job finished(JobStatus end, JsonNode answer, JsonNode why, Instant now) {
        return new Job(id, ownerId, ownerLabel, null, callbackUrl, end, createdAt, startedAt, now,
                progress.withoutQueuePosition(), answer, why);
    }

    /**
     * Counts of a job's work so far.
     *
     * @param partsDone     parts done (a summary, a translation; each item's in a batch)
     * @param partsTotal    parts known so far
     * @param chunksDone    calls to the model done for the parts the job writes itself
     * @param chunksTotal   such calls planned so far
     * @param tokensWritten tokens the model wrote for the job
     * @param queuePosition jobs ahead of it in the queue while it is queued (0: it starts next), otherwise null
     */
    public record Progress(int partsDone, int partsTotal, int chunksDone, int chunksTotal, long tokensWritten,
            Integer queuePosition) {

        static final Progress NONE = new Progress(0, 0, 0, 0, 0, null);

        static Progress of(Tracker.Snapshot counts) {
            return new Progress(counts.partsDone(), counts.partsTotal(), counts.chunksDone(), counts.chunksTotal(),
                    counts.tokensWritten(), null);
        }

        Progress at(int position) {
            return new Progress(partsDone, partsTotal, chunksDone, chunksTotal, tokensWritten, position);
        }

        Progress withoutQueuePosition() {
            return queuePosition == null ? this
                    : new Progress(partsDone, partsTotal, chunksDone, chunksTotal, tokensWritten, null);
        }
    }
}

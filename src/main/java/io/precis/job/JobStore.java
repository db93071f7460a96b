package io.precis.job;

import java.time.Duration;
import java.util.Optional;

/**
 * Where jobs live: this process's memory, or Redis, which every replica shares. A replica runs a job while it holds the
 * job's lease, which it renews; a job whose lease lapsed (its replica died) is claimed by another and run again, its
 * parts already stored served from the cache.
 */
interface JobStore {

    /**
     * Stores a new queued job, unless its owner already has {@code maxActive} unfinished ones.
     *
     * @return whether it was stored
     */
    boolean create(Job job, int maxActive, Duration keep);

    /** How many unfinished jobs an owner has. */
    int unfinished(String ownerId);

    /** The job, while it is kept. */
    Optional<Job> get(String id);

    /** Saves a running job's document, as long as {@code runner} holds its lease. */
    boolean save(Job job, String runner, Duration lease, Duration keep);

    /** Takes the lease of a job nobody runs: one whose runner's lease lapsed, else the oldest queued one. */
    Optional<String> claimNext(String runner, Duration lease);

    /** Takes the lease of this queued job, if it is still queued. */
    boolean claim(String id, String runner, Duration lease);

    /** Renews a lease {@code runner} holds, or takes it again if it lapsed and nobody took it; false when it lost it. */
    boolean renew(String id, String runner, Duration lease);

    /**
     * Saves a finished job, out of the queue and of its owner's unfinished jobs, and gives its lease back.
     *
     * @param runner the lease's holder, or null for a job that never started
     * @return false when another runner holds its lease (that one finishes it), or the job has finished already
     */
    boolean finish(Job job, String runner, Duration keep);

    /** Takes a queued job out of the queue; false when it is not queued (it started, or ended). */
    boolean dequeue(String id);

    /** Asks whoever runs the job to stop it. */
    void requestCancel(String id, Duration keep);

    /** Whether stopping the job was asked for. */
    boolean cancelRequested(String id);

    /** Queued jobs ahead of this one, or empty when it is not queued. */
    Optional<Integer> queuedAhead(String id);

    /** Forgets every job. */
    void clear();
}

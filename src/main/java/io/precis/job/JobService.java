package io.precis.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.precis.core.Failure;
import io.precis.core.ServiceException;
import io.precis.task.Caller;
import io.precis.task.Deadline;
import io.precis.task.Tracker;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Runs requests as jobs: accepted at once, run in the background, read back by their owner. Jobs wait in a queue
 * that every replica shares when the cache is in Redis; each replica runs up to {@code JOB_CONCURRENCY} of them,
 * holding a lease on each that it renews every second (every third of {@code JOB_LEASE} when that is shorter), saving
 * the job's progress and checking for a cancel request as it does. A job whose replica died is claimed by another once its lease lapses, and run again:
 * what its parts had written is in the cache, so only what was missing is written.
 *
 * <p>A job that waits for a busy model (its queue full, or the model not ready) tries again after the Retry-After the
 * synchronous call would have answered, until {@code JOB_TIMEOUT}, counted from its start.
 */
@ApplicationScoped
public class JobService {

    private static final Logger LOG = Logger.getLogger(JobService.class);
    private static final SecureRandom IDS = new SecureRandom();
    /** The least time worth another try of a job's work. */
    private static final Duration MIN_TRY = Duration.ofSeconds(2);

    private final JobConfig config;
    private final JobStore store;
    private final JobWork work;
    private final ObjectMapper json;
    private final Webhooks webhooks;
    private final String runner = UUID.randomUUID().toString();
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    /** Jobs this replica may still start: JOB_CONCURRENCY less those it runs. */
    private final Semaphore slots;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "job-runner");
        thread.setDaemon(true);
        return thread;
    });

    JobService(JobConfig config, JobStore store, JobWork work, ObjectMapper json, Webhooks webhooks) {
        this.config = config;
        this.store = store;
        this.work = work;
        this.json = json;
        this.webhooks = webhooks;
        this.slots = new Semaphore(config.concurrency());
    }

    void start(@Observes StartupEvent started) {
        long every = Math.max(100, Math.min(1000, config.lease().toMillis() / 3));
        timers.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Hands the jobs this replica runs to the others at once: their leases go, so another replica claims them at its
     * next tick and finds in the cache what this one stores while it drains.
     */
    void stop(@Observes ShutdownEvent stopping) {
        timers.shutdownNow();
        for (String id : running.keySet()) {
            try {
                store.renew(id, runner, Duration.ofMillis(1));
            } catch (ServiceException storeDown) {
                // Its lease lapses on its own.
            }
        }
    }

    /**
     * Accepts an order as a job and starts it now if this replica has room; a job whose parts are all in the cache is
     * then finished before this returns.
     *
     * @param callbackUrl where to post the final document, or null; checked by {@link #admit} first
     * @throws ServiceException quota exceeded when the owner has {@code JOB_MAX_ACTIVE_PER_KEY} unfinished jobs
     */
    public Job submit(Caller owner, JsonNode order, String callbackUrl) {
        byte[] random = new byte[16];
        IDS.nextBytes(random);
        Job job = Job.queued(HexFormat.of().formatHex(random), owner, order, callbackUrl, Instant.now());
        if (!store.create(job, config.maxActivePerKey(), unfinishedKeep())) {
            throw tooManyJobs();
        }
        if (slots.tryAcquire()) {
            if (store.claim(job.id(), runner, config.lease())) {
                run(job);
            } else {
                slots.release();
            }
        }
        return read(job.id()).orElse(job);
    }

    /**
     * Refuses, before a request costs anything (its article read and counted), a caller that has as many unfinished
     * jobs as it may have ({@link #submit} checks that again, atomically) and a callbackUrl this service does not call.
     *
     * @param callbackUrl the request's callbackUrl, or null
     * @throws ServiceException quota exceeded, or invalid field {@code callbackUrl}
     */
    public void admit(Caller owner, String callbackUrl) {
        if (store.unfinished(owner.id()) >= config.maxActivePerKey()) {
            throw tooManyJobs();
        }
        if (callbackUrl != null) {
            webhooks.check(callbackUrl);
        }
    }

    private ServiceException tooManyJobs() {
        return new ServiceException(Failure.QUOTA_EXCEEDED, "This client has " + config.maxActivePerKey()
                + " unfinished jobs, as many as it may have (JOB_MAX_ACTIVE_PER_KEY). Wait for one to finish,"
                + " or cancel one.");
    }

    /** A job, as its owner sees it; other callers do not see it when jobs belong to API keys. */
    public Optional<Job> get(Caller caller, String id) {
        return read(id).filter(job -> visibleTo(job, caller));
    }

    /**
     * Cancels a job: a queued one at once; a running one stops its model calls that no other request waits for, on
     * whichever replica runs it, within a second (at once on this one). A finished job is left as
     * it is.
     *
     * @return the job as it stands after the request, or empty when the caller cannot see it
     */
    public Optional<Job> cancel(Caller caller, String id) {
        Optional<Job> found = get(caller, id);
        if (found.isEmpty() || found.get().status().finished()) {
            return found;
        }
        Job job = found.get();
        if (store.dequeue(id)) {
            Job cancelled = job.finished(JobStatus.CANCELLED, null, null, Instant.now());
            if (store.finish(cancelled, null, config.retention()) && cancelled.callbackUrl() != null) {
                webhooks.deliver(id, cancelled.callbackUrl(), document(cancelled));
            }
            return Optional.of(cancelled);
        }
        store.requestCancel(id, unfinishedKeep());
        Running here = running.get(id);
        if (here != null) {
            here.cancel();
            try {
                // Cancelled here ends the job at once; it is saved on the runner's thread.
                here.ended.get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warnf("Job %s was cancelled but not yet saved as such", id);
            }
        }
        return read(id);
    }

    /** Forgets every job; for tests. */
    public void clear() {
        running.values().forEach(Running::cancel);
        store.clear();
    }

    /**
     * The stored job, with its place in the queue while it waits, and its progress now when it runs here (other
     * replicas save theirs every second).
     */
    private Optional<Job> read(String id) {
        return store.get(id).map(job -> {
            Running here = running.get(id);
            if (here != null && job.status() == JobStatus.RUNNING) {
                return job.progressed(Job.Progress.of(here.tracker.snapshot()));
            }
            return job.status() != JobStatus.QUEUED ? job
                    : job.progressed(job.progress().at(store.queuedAhead(id).orElse(0)));
        });
    }

    /** With API keys, a job is its key's alone; without, anyone who has its id (which cannot be guessed) sees it. */
    private static boolean visibleTo(Job job, Caller caller) {
        return !job.ownerId().startsWith("key:") || job.ownerId().equals(caller.id());
    }

    /**
     * Runs a job whose lease this replica holds. When the work is done before this returns (every part was in this
     * process's memory), the job is finished here too.
     */
    private void run(Job claimed) {
        Job job = claimed.running(Instant.now());
        long deadline = System.nanoTime() + remainingNanos(job);
        Running state = new Running(job, new Tracker(new Deadline(deadline)), deadline);
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        // Cancelled means ended now, even when a part goes on for another request that waits for it.
        state.tracker.cancellation().onCancel(() -> outcome.completeExceptionally(
                new CancellationException("the job was cancelled")));
        running.put(job.id(), state);
        try {
            store.save(job, runner, config.lease(), unfinishedKeep());
        } catch (RuntimeException storeDown) {
            // Not started: its lease lapses, and this replica or another claims it again.
            running.remove(job.id(), state);
            slots.release();
            LOG.warnf("Job %s could not be started now: %s", job.id(), storeDown.toString());
            return;
        }
        attempt(state).whenComplete((value, failure) -> {
            if (failure != null) {
                outcome.completeExceptionally(failure);
            } else {
                outcome.complete(value);
            }
        });
        if (outcome.isDone()) {
            finish(state, outcome);
        } else {
            outcome.whenCompleteAsync((value, failure) -> finish(state, outcome), timers);
        }
    }

    /** The work, tried again while the model is busy and the job has time left. */
    private CompletableFuture<Object> attempt(Running state) {
        CompletableFuture<Object> tried;
        try {
            tried = work.run(state.job.owner(), state.job.order(), state.tracker);
        } catch (RuntimeException e) {
            tried = CompletableFuture.failedFuture(e);
        }
        return tried.handle((value, failure) -> {
            Optional<Duration> wait = failure == null ? Optional.empty() : busyFor(failure);
            // Only while the job has time for another try after the wait: a call needs at least a few seconds.
            if (wait.isEmpty() || state.tracker.cancellation().isCancelled()
                    || System.nanoTime() + wait.get().plus(MIN_TRY).toNanos() - state.deadlineNanos > 0) {
                return failure == null ? CompletableFuture.completedFuture(value)
                        : CompletableFuture.<Object>failedFuture(failure);
            }
            LOG.debugf("Job %s waits %s for the model", state.job.id(), wait.get());
            // Counted again from the start: parts already written come from the cache.
            state.tracker.restart();
            CompletableFuture<Object> again = new CompletableFuture<>();
            timers.schedule(() -> attempt(state).whenComplete((v, f) -> {
                if (f != null) {
                    again.completeExceptionally(f);
                } else {
                    again.complete(v);
                }
            }), wait.get().toMillis(), TimeUnit.MILLISECONDS);
            return again;
        }).thenCompose(next -> next);
    }

    /**
     * How long to wait before trying again: when the model is busy or not ready yet, what the synchronous call's
     * Retry-After would have said; when a part timed out, nothing, since it may have been written for a synchronous
     * request under {@code LLM_TIMEOUT} (the job's own calls have until its deadline, and are not tried again after
     * it).
     */
    private static Optional<Duration> busyFor(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (!(cause instanceof ServiceException known)) {
            return Optional.empty();
        }
        if (known.failure() == Failure.MODEL_TIMEOUT) {
            return Optional.of(Duration.ofSeconds(1));
        }
        if (known.retryAfter() != null
                && (known.failure() == Failure.OVERLOADED || known.failure() == Failure.MODEL_UNAVAILABLE)) {
            return Optional.of(known.retryAfter());
        }
        return Optional.empty();
    }

    private void finish(Running state, CompletableFuture<Object> outcome) {
        try {
            if (!running.remove(state.job.id(), state)) {
                return;
            }
            slots.release();
            Job done = ended(state, outcome);
            if (!store.finish(done, runner, config.retention())) {
                LOG.infof("Job %s was taken over by another replica, which finishes it", done.id());
            } else if (done.callbackUrl() != null) {
                webhooks.deliver(done.id(), done.callbackUrl(), document(done));
            }
        } catch (ServiceException storeDown) {
            LOG.warnf("Job %s finished, but could not be saved; another replica will run it again", state.job.id());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Job %s finished, but could not be saved", state.job.id());
        } finally {
            state.ended.complete(null);
        }
        timers.execute(this::claimWhileRoom);
    }

    /** The job as its outcome ends it. */
    private Job ended(Running state, CompletableFuture<Object> outcome) {
        Job current = state.job.progressed(Job.Progress.of(state.tracker.snapshot()));
        Instant now = Instant.now();
        try {
            return current.finished(JobStatus.SUCCEEDED, json.valueToTree(outcome.join()), null, now);
        } catch (CancellationException | CompletionException failed) {
            Throwable cause = failed instanceof CompletionException && failed.getCause() != null
                    ? failed.getCause() : failed;
            if (state.timedOut) {
                return current.finished(JobStatus.FAILED, null, problem(state.job.id(), new ServiceException(
                        Failure.MODEL_TIMEOUT, "The job did not finish within " + readable(config.timeout())
                                + " of its start (JOB_TIMEOUT).")), now);
            }
            if (state.tracker.cancellation().isCancelled() || cause instanceof CancellationException) {
                return current.finished(JobStatus.CANCELLED, null, null, now);
            }
            return current.finished(JobStatus.FAILED, null, problem(state.job.id(), cause), now);
        }
    }

    private static String readable(Duration duration) {
        return duration.toSeconds() < 120 ? duration.toSeconds() + " s" : duration.toMinutes() + " min";
    }

    /** The job as its owner reads it, as its webhook posts it. */
    private byte[] document(Job job) {
        try {
            return json.writeValueAsBytes(work.view(job));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A job document could not be written as JSON", e);
        }
    }

    private JsonNode problem(String id, Throwable failure) {
        return json.valueToTree(work.problem(failure, id));
    }

    /** Renews the leases of running jobs, saves their progress, acts on cancels and timeouts, and claims jobs. */
    private void tick() {
        try {
            for (Running state : running.values()) {
                keep(state);
            }
            claimWhileRoom();
        } catch (RuntimeException e) {
            LOG.warnf("The job runner will try again: %s", e.toString());
        }
    }

    private void keep(Running state) {
        String id = state.job.id();
        if (!store.renew(id, runner, config.lease())) {
            // This replica stalled past its lease and another one took the job: stop, and let that one finish it.
            LOG.warnf("Lost the lease of job %s to another replica; leaving it to that one", id);
            if (running.remove(id, state)) {
                slots.release();
            }
            state.ended.complete(null);
            state.tracker.cancellation().cancel();
            return;
        }
        if (System.nanoTime() - state.deadlineNanos > 0) {
            state.timedOut = true;
            state.cancel();
            return;
        }
        if (store.cancelRequested(id)) {
            state.cancel();
            return;
        }
        Tracker.Snapshot now = state.tracker.snapshot();
        // Only when it moved: a long job's document is saved as often as it changes, not every second.
        if (!now.equals(state.saved)) {
            store.save(state.job.progressed(Job.Progress.of(now)), runner, config.lease(), unfinishedKeep());
            state.saved = now;
        }
    }

    private void claimWhileRoom() {
        while (slots.tryAcquire()) {
            Optional<String> claimed;
            try {
                claimed = store.claimNext(runner, config.lease());
            } catch (RuntimeException storeDown) {
                slots.release();
                throw storeDown;
            }
            Optional<Job> job = claimed.flatMap(store::get);
            if (claimed.isEmpty() || running.containsKey(claimed.get()) || job.isEmpty()
                    || job.get().status().finished()) {
                // Nothing to run; or this replica's own job, whose lapsed lease the claim just renewed.
                slots.release();
                if (claimed.isEmpty()) {
                    return;
                }
                continue;
            }
            if (job.get().status() == JobStatus.RUNNING) {
                LOG.infof("Taking over job %s, whose replica stopped renewing its lease", claimed.get());
            }
            run(job.get());
        }
    }

    /** Time left of a job's {@code JOB_TIMEOUT}, which counts from its first start, on whichever replica. */
    private long remainingNanos(Job job) {
        Instant started = job.startedAt() == null ? Instant.now() : job.startedAt();
        return Duration.between(Instant.now(), started.plus(config.timeout())).toNanos();
    }

    /** How long an unfinished job is kept: long enough to run and then be read. */
    private Duration unfinishedKeep() {
        return config.timeout().plus(config.retention());
    }

    /** A job this replica runs. */
    private static final class Running {

        final Job job;
        final Tracker tracker;
        final long deadlineNanos;
        /** Completes once the job is saved as finished, or left to another replica. */
        final CompletableFuture<Void> ended = new CompletableFuture<>();
        volatile boolean timedOut;
        /** The counts last saved. */
        Tracker.Snapshot saved;

        Running(Job job, Tracker tracker, long deadlineNanos) {
            this.job = job;
            this.tracker = tracker;
            this.deadlineNanos = deadlineNanos;
        }

        void cancel() {
            tracker.cancellation().cancel();
        }
    }
}

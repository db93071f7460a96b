package io.precis.job;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Jobs in this process, for a single replica ({@code CACHE_BACKEND=memory}): they end with the process. Expired
 * documents are dropped as new ones arrive.
 */
final class MemoryJobStore implements JobStore {

    private final Map<String, Kept> jobs = new HashMap<>();
    private final LinkedHashSet<String> queue = new LinkedHashSet<>();
    private final Map<String, String> leases = new HashMap<>();
    private final Set<String> cancels = new HashSet<>();

    @Override
    public synchronized boolean create(Job job, int maxActive, Duration keep) {
        if (unfinished(job.ownerId()) >= maxActive) {
            return false;
        }
        jobs.put(job.id(), new Kept(job, Instant.now().plus(keep)));
        queue.add(job.id());
        return true;
    }

    @Override
    public synchronized int unfinished(String ownerId) {
        dropExpired();
        return (int) jobs.values().stream()
                .filter(kept -> kept.job.ownerId().equals(ownerId) && !kept.job.status().finished()).count();
    }

    @Override
    public synchronized Optional<Job> get(String id) {
        Kept kept = jobs.get(id);
        return kept == null || kept.expired() ? Optional.empty() : Optional.of(kept.job);
    }

    @Override
    public synchronized boolean save(Job job, String runner, Duration lease, Duration keep) {
        if (!runner.equals(leases.get(job.id()))) {
            return false;
        }
        jobs.put(job.id(), new Kept(job, Instant.now().plus(keep)));
        return true;
    }

    @Override
    public synchronized Optional<String> claimNext(String runner, Duration lease) {
        // One process: a running job's lease cannot lapse while the process lives.
        for (String id : new ArrayList<>(queue)) {
            queue.remove(id);
            if (get(id).isPresent()) {
                leases.put(id, runner);
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized boolean claim(String id, String runner, Duration lease) {
        if (!queue.remove(id)) {
            return false;
        }
        leases.put(id, runner);
        return true;
    }

    @Override
    public synchronized boolean renew(String id, String runner, Duration lease) {
        return runner.equals(leases.get(id));
    }

    @Override
    public synchronized boolean finish(Job job, String runner, Duration keep) {
        String holder = leases.get(job.id());
        Kept current = jobs.get(job.id());
        if (holder != null && !holder.equals(runner) || current != null && current.job.status().finished()) {
            return false;
        }
        leases.remove(job.id());
        queue.remove(job.id());
        cancels.remove(job.id());
        jobs.put(job.id(), new Kept(job, Instant.now().plus(keep)));
        return true;
    }

    @Override
    public synchronized boolean dequeue(String id) {
        return queue.remove(id);
    }

    @Override
    public synchronized void requestCancel(String id, Duration keep) {
        cancels.add(id);
    }

    @Override
    public synchronized boolean cancelRequested(String id) {
        return cancels.contains(id);
    }

    @Override
    public synchronized Optional<Integer> queuedAhead(String id) {
        int ahead = 0;
        for (String queued : queue) {
            if (queued.equals(id)) {
                return Optional.of(ahead);
            }
            ahead++;
        }
        return Optional.empty();
    }

    @Override
    public synchronized void clear() {
        jobs.clear();
        queue.clear();
        leases.clear();
        cancels.clear();
    }

    private void dropExpired() {
        jobs.values().removeIf(Kept::expired);
    }

    private record Kept(Job job, Instant until) {

        boolean expired() {
            return Instant.now().isAfter(until);
        }
    }
}

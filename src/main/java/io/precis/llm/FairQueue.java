package io.precis.llm;

import io.precis.task.Caller;
import io.precis.task.Cancellation;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The model calls waiting for a slot, taken in turns by caller: each caller with calls waiting gets one started in
 * its turn, so a caller with a thousand calls waiting delays another caller's call by at most one call, not a
 * thousand. While other callers have called in the last minute, a caller may hold at most {@code perCaller} slots at
 * once, which keeps slots free for their next calls; a caller alone has them all. A caller may have at most
 * {@code perCallerWaiting} calls waiting, so that it cannot fill the queue either.
 */
final class FairQueue {

    /** How long a caller counts as around after its last call: slots are kept for it meanwhile. */
    private static final long RECENT = TimeUnit.MINUTES.toNanos(1);
    private static final long RECHECK = TimeUnit.SECONDS.toNanos(1);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Calls waiting, by caller; a caller is here only while it has some. */
    private final Map<Caller, ArrayDeque<Call>> waiting = new HashMap<>();
    /** Callers with calls waiting, in the order of their turns. */
    private final ArrayDeque<Caller> turns = new ArrayDeque<>();
    private final Map<Caller, Integer> running = new HashMap<>();
    /** When each caller last offered a call, for the callers of the last minute. */
    private final Map<Caller, Long> lastSeen = new HashMap<>();
    private final LongSupplier clock;
    private final int slots;
    private final int perCaller;
    private final int maxWaiting;
    private final int perCallerWaiting;
    private int waitingCount;
    private int runningCount;
    private boolean closed;

    /**
     * @param slots            calls that run at once
     * @param keptForOthers    slots one caller may not take (at least one slot is always its)
     * @param maxWaiting       calls that may wait, all callers together
     * @param perCallerWaiting calls one caller may have waiting
     */
    FairQueue(int slots, int keptForOthers, int maxWaiting, int perCallerWaiting) {
        this(slots, keptForOthers, maxWaiting, perCallerWaiting, System::nanoTime);
    }

    /** As above, on the given clock of nanoseconds. */
    FairQueue(int slots, int keptForOthers, int maxWaiting, int perCallerWaiting, LongSupplier clock) {
        this.clock = clock;
        this.slots = slots;
        this.perCaller = Math.max(1, slots - keptForOthers);
        this.maxWaiting = maxWaiting;
        this.perCallerWaiting = perCallerWaiting;
    }

    /** Calls one caller may run at once. */
    int perCaller() {
        return perCaller;
    }

    /**
     * Queues a call, unless the queue, or the caller's share of it, is full.
     *
     * @return whether it was queued
     */
    boolean offer(Call call) {
        lock.lock();
        try {
            int ownRunning = running.getOrDefault(call.caller, 0);
            ArrayDeque<Call> own = waiting.get(call.caller);
            int ownWaiting = own == null ? 0 : own.size();
            // Counted as admitted calls, running or waiting: a call just queued may not have been taken by an idle
            // slot yet, and must not count against the room for calls that wait.
            if (closed || runningCount + waitingCount >= slots + maxWaiting
                    || ownRunning + ownWaiting >= perCaller + perCallerWaiting) {
                return false;
            }
            lastSeen.put(call.caller, clock.getAsLong());
            if (own == null) {
                own = new ArrayDeque<>();
                waiting.put(call.caller, own);
                turns.addLast(call.caller);
            }
            own.addLast(call);
            waitingCount++;
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next call to run, in the callers' turns, skipping callers at their share of the slots; waits for one.
     *
     * @return the call, now counted as running; null when none came within the timeout, or none is left after
     *         {@link #close()}
     */
    Call take(long timeout, TimeUnit unit) throws InterruptedException {
        long left = unit.toNanos(timeout);
        lock.lock();
        try {
            while (true) {
                Call next = next();
                if (next != null) {
                    return next;
                }
                if (left <= 0 || closed && waitingCount == 0) {
                    return null;
                }
                // Calls held back for their caller's share may run once the other callers' minute is over, which no
                // signal announces: look again at least every second while calls wait.
                long wait = waitingCount > 0 ? Math.min(left, RECHECK) : left;
                left -= wait - changed.awaitNanos(wait);
            }
        } finally {
            lock.unlock();
        }
    }

    /** A call that ran has ended: its caller's slot is free. */
    void finished(Call call) {
        lock.lock();
        try {
            if (call.counted) {
                return;
            }
            call.counted = true;
            runningCount--;
            running.computeIfPresent(call.caller, (caller, count) -> count == 1 ? null : count - 1);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Withdraws a call that has not started; false when it is not waiting (started, or already withdrawn). */
    boolean withdraw(Call call) {
        lock.lock();
        try {
            ArrayDeque<Call> own = waiting.get(call.caller);
            if (own == null || !own.remove(call)) {
                return false;
            }
            waitingCount--;
            if (own.isEmpty()) {
                waiting.remove(call.caller);
                turns.remove(call.caller);
            }
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Refuses every call offered from now on; those already queued still run. */
    void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether it was closed and no call is left to take. */
    boolean drained() {
        lock.lock();
        try {
            return closed && waitingCount == 0;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until no call waits or runs, for at most the given time. */
    void awaitEmpty(long nanos) throws InterruptedException {
        lock.lock();
        try {
            long left = nanos;
            while ((waitingCount > 0 || runningCount > 0) && left > 0) {
                left = changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Calls waiting for a slot. */
    int waiting() {
        lock.lock();
        try {
            return waitingCount;
        } finally {
            lock.unlock();
        }
    }

    /** Calls under way. */
    int running() {
        lock.lock();
        try {
            return runningCount;
        } finally {
            lock.unlock();
        }
    }

    /** Takes the first call of the first caller in turn that may run one more; the caller goes to the back. */
    private Call next() {
        if (runningCount >= slots) {
            return null;
        }
        long now = clock.getAsLong();
        lastSeen.values().removeIf(seen -> now - seen > RECENT);
        for (Iterator<Caller> it = turns.iterator(); it.hasNext(); ) {
            Caller caller = it.next();
            boolean othersAround = lastSeen.size() > (lastSeen.containsKey(caller) ? 1 : 0);
            if (running.getOrDefault(caller, 0) >= (othersAround ? perCaller : slots)) {
                continue;
            }
            it.remove();
            ArrayDeque<Call> own = waiting.get(caller);
            Call call = own.pollFirst();
            if (own.isEmpty()) {
                waiting.remove(caller);
            } else {
                turns.addLast(caller);
            }
            waitingCount--;
            runningCount++;
            running.merge(caller, 1, Integer::sum);
            return call;
        }
        return null;
    }

    /**
     * One model call, and how to stop what it started: it is never started once stopped.
     */
    static final class Call {
        private final Caller caller;
        private final Runnable work;
        private final Cancellation stopping = new Cancellation();
        /** Whether {@link #finished} has given its slot back; guarded by the queue's lock. */
        private boolean counted;

        Call(Caller caller, Runnable work) {
            this.caller = caller;
            this.work = work;
        }

        /**
         * Starts the work on the calling thread, unless the call was stopped first.
         *
         * @return whether it started
         */
        boolean start() {
            if (stopping.isCancelled()) {
                return false;
            }
            work.run();
            return true;
        }

        /** Fires when the call is stopped: what the work started registers how to stop here. */
        Cancellation stopping() {
            return stopping;
        }

        /** Stops what the work started, and the work itself if it has not started. */
        void stop() {
            stopping.cancel();
        }
    }
}

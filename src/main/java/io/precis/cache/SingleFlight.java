package io.precis.cache;

import io.precis.task.Cancellation;
import io.precis.task.TextSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Makes concurrent requests for the same key share one computation: the first starts it, the others join it.
 *
 * <p>A flight leaves the table when its work completes, and the work is expected to have stored its result by then,
 * so a request that arrives afterwards finds it in the cache. A failed flight leaves nothing behind: the next request
 * starts a fresh one.
 *
 * <p>A flight counts its waiters. Callers that watch it (streaming clients) receive its text as it is written, from
 * the start even when they join late, and may leave; when the last waiter leaves, the work is cancelled, so that a
 * client who hung up stops paying for a model call nobody will read. Callers that only wait never leave.
 *
 * @param <K> the key type
 * @param <V> the result type
 */
public final class SingleFlight<K, V> {

    private final ConcurrentHashMap<K, Entry<V>> flights = new ConcurrentHashMap<>();

    /**
     * Joins the flight for a key, or starts one with {@code work}, and waits for its end.
     *
     * @return the caller's own view of the flight (cancelling it leaves the flight running for others) and whether
     *         it joined an existing one
     */
    public Flight<V> run(K key, Function<Job, CompletableFuture<V>> work) {
        return watch(key, null, work);
    }

    /**
     * Joins the flight for a key, or starts one with {@code work}, as a waiter that may leave.
     *
     * @param listener receives the flight's text as it is written, or null
     */
    public Flight<V> watch(K key, TextSink listener, Function<Job, CompletableFuture<V>> work) {
        while (true) {
            Entry<V> fresh = new Entry<>();
            Entry<V> existing = flights.putIfAbsent(key, fresh);
            Entry<V> entry = existing != null ? existing : fresh;
            if (!entry.join(listener)) {
                // Its last waiter left just now and it is being cancelled: start a new one.
                flights.remove(key, entry);
                continue;
            }
            if (existing == null) {
                start(key, fresh, listener != null, work);
            }
            AtomicBoolean left = new AtomicBoolean();
            return new Flight<>(entry.future.copy(), existing != null, () -> {
                if (left.compareAndSet(false, true) && entry.leave(listener)) {
                    flights.remove(key, entry);
                    entry.cancellation.cancel();
                }
            });
        }
    }

    private void start(K key, Entry<V> entry, boolean streamed, Function<Job, CompletableFuture<V>> work) {
        CompletableFuture<V> started;
        try {
            started = work.apply(new Job(entry.progress, entry.cancellation, streamed));
        } catch (RuntimeException | Error e) {
            started = CompletableFuture.failedFuture(e);
        }
        entry.cancellation.onCancel(() -> entry.future.completeExceptionally(
                new CancellationException("every client waiting for it left")));
        started.whenComplete((value, failure) -> {
            flights.remove(key, entry);
            if (failure != null) {
                entry.future.completeExceptionally(failure);
            } else {
                entry.future.complete(value);
            }
        });
    }

    /** Number of flights under way. */
    public int inFlight() {
        return flights.size();
    }

    /**
     * A caller's view of a flight.
     *
     * @param result the flight's outcome
     * @param joined whether the caller joined a flight started by another request
     * @param leave  stops waiting: the caller no longer receives text, and the work is cancelled if nobody else waits
     * @param <V>    the result type
     */
    public record Flight<V>(CompletableFuture<V> result, boolean joined, Runnable leave) {
    }

    /**
     * What the work of a flight is given.
     *
     * @param progress     where to write text as it is produced; every watcher receives it
     * @param cancellation fires when every waiter has left
     * @param streamed     whether the caller that started it watches its text, so the work should produce it
     */
    public record Job(TextSink progress, Cancellation cancellation, boolean streamed) {
    }

    private static final class Entry<V> {

        final CompletableFuture<V> future = new CompletableFuture<>();
        final Broadcast progress = new Broadcast();
        final Cancellation cancellation = new Cancellation();
        private int waiters;
        private boolean abandoned;

        synchronized boolean join(TextSink listener) {
            if (abandoned) {
                return false;
            }
            waiters++;
            if (listener != null) {
                progress.subscribe(listener);
            }
            return true;
        }

        /** Whether the flight is now abandoned: its last waiter left before it ended. */
        synchronized boolean leave(TextSink listener) {
            if (listener != null) {
                progress.unsubscribe(listener);
            }
            waiters--;
            abandoned = waiters == 0 && !future.isDone();
            return abandoned;
        }
    }

    /** Text written so far, replayed to each new listener, then passed on live. */
    private static final class Broadcast implements TextSink {

        private final StringBuilder text = new StringBuilder();
        private final List<TextSink> listeners = new ArrayList<>();

        synchronized void subscribe(TextSink listener) {
            if (!text.isEmpty()) {
                listener.text(text.toString());
            }
            listeners.add(listener);
        }

        synchronized void unsubscribe(TextSink listener) {
            listeners.remove(listener);
        }

        @Override
        public synchronized void text(String delta) {
            text.append(delta);
            listeners.forEach(listener -> listener.text(delta));
        }

        @Override
        public synchronized void restart() {
            text.setLength(0);
            listeners.forEach(TextSink::restart);
        }
    }
}

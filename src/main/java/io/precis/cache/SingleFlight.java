package io.precis.cache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Makes concurrent requests for the same key share one computation: the first starts it, the others join it.
 *
 * <p>A flight leaves the table when its work completes, and the work is expected to have stored its result by then,
 * so a request that arrives afterwards finds it in the cache. A failed flight leaves nothing behind: the next request
 * starts a fresh one.
 *
 * @param <K> the key type
 * @param <V> the result type
 */
public final class SingleFlight<K, V> {

    private final ConcurrentHashMap<K, CompletableFuture<V>> flights = new ConcurrentHashMap<>();

    /**
     * Joins the flight for a key, or starts one with {@code work}.
     *
     * @return the caller's own view of the flight (cancelling it leaves the flight running for others) and whether
     *         it joined an existing one
     */
    public Flight<V> run(K key, Supplier<CompletableFuture<V>> work) {
        CompletableFuture<V> flight = new CompletableFuture<>();
        CompletableFuture<V> existing = flights.putIfAbsent(key, flight);
        if (existing != null) {
            return new Flight<>(existing.copy(), true);
        }
        CompletableFuture<V> started;
        try {
            started = work.get();
        } catch (RuntimeException | Error e) {
            started = CompletableFuture.failedFuture(e);
        }
        started.whenComplete((value, failure) -> {
            flights.remove(key, flight);
            if (failure != null) {
                flight.completeExceptionally(failure);
            } else {
                flight.complete(value);
            }
        });
        return new Flight<>(flight.copy(), false);
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
     * @param <V>    the result type
     */
    public record Flight<V>(CompletableFuture<V> result, boolean joined) {
    }
}

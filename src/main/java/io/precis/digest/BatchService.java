package io.precis.digest;

import io.precis.core.Failure;
import io.precis.core.ServiceException;
import jakarta.enterprise.context.ApplicationScoped;
import io.precis.task.Tracker;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Digests a batch of articles, {@code BATCH_CONCURRENCY} at a time, each ending in a digest or a failure of its own.
 * Identical articles in a batch are computed once: they meet in the single flight, or in the cache.
 */
@ApplicationScoped
public class BatchService {

    private final DigestService digests;
    private final BatchConfig config;

    public BatchService(DigestService digests, BatchConfig config) {
        this.digests = digests;
        this.config = config;
    }

    /**
     * Digests every item; the result never fails, each item carries its own outcome.
     *
     * @param items each item's command; a supplier throws when its item is not a valid request
     * @throws ServiceException invalid for an empty batch, too large for one over {@code BATCH_MAX_ITEMS}
     */
    public CompletableFuture<List<Outcome>> digestAll(List<Supplier<DigestCommand>> items) {
        return digestAll(items, new Tracker());
    }

    /**
     * Digests every item like {@link #digestAll(List)}, reporting to {@code tracker}; once it is cancelled, items not
     * started yet are not started.
     */
    public CompletableFuture<List<Outcome>> digestAll(List<Supplier<DigestCommand>> items, Tracker tracker) {
        check(items);
        return Bounded.map(items, config.concurrency(), item -> {
            if (tracker.cancellation().isCancelled()) {
                return CompletableFuture.<Outcome>failedFuture(new CancellationException("the batch was cancelled"));
            }
            return Futures.start(() -> digests.digest(item.get(), tracker))
                    .handle((digest, failure) -> new Outcome(digest, failure));
        });
    }

    /**
     * Refuses a batch that cannot be run, before anything is computed.
     *
     * @throws ServiceException invalid for an empty batch, too large for one over {@code BATCH_MAX_ITEMS}
     */
    public void check(List<?> items) {
        if (items == null || items.isEmpty()) {
            throw ServiceException.invalidField("items", "must hold at least one article");
        }
        if (items.size() > config.maxItems()) {
            throw new ServiceException(Failure.BATCH_TOO_LARGE, "The batch has " + items.size()
                    + " articles; the limit is " + config.maxItems() + " (BATCH_MAX_ITEMS).");
        }
    }

    /**
     * How one item ended.
     *
     * @param digest  its digest, or null when it failed
     * @param failure why it failed, or null
     */
    public record Outcome(Digest digest, Throwable failure) {
    }
}

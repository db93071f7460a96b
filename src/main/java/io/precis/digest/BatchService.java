package io.precis.digest;

import io.precis.problem.Problem;
import io.precis.problem.ProblemException;
import io.precis.problem.ProblemMappers;
import io.precis.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * Digests a batch of articles, {@code BATCH_CONCURRENCY} at a time, each ending in a digest or a problem of its own.
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
     * @param path the request path, for the problems' {@code instance}
     * @throws ProblemException a 400 for an empty batch, a 413 for one over {@code BATCH_MAX_ITEMS}
     */
    public CompletableFuture<BatchResponse> digestAll(List<DigestRequest> items, String path) {
        if (items == null || items.isEmpty()) {
            throw ProblemException.invalidField("items", "must hold at least one article");
        }
        if (items.size() > config.maxItems()) {
            throw new ProblemException(ProblemType.BATCH_TOO_LARGE, "The batch has " + items.size()
                    + " articles; the limit is " + config.maxItems() + " (BATCH_MAX_ITEMS).");
        }
        List<Integer> indexes = IntStream.range(0, items.size()).boxed().toList();
        return Bounded.map(indexes, config.concurrency(), index -> digest(index, items.get(index), path))
                .thenApply(BatchResponse::new);
    }

    private CompletableFuture<BatchResponse.Item> digest(int index, DigestRequest item, String path) {
        CompletableFuture<Digest> digest;
        try {
            digest = item == null ? CompletableFuture.failedFuture(ProblemException.emptyBody())
                    : digests.digest(item.toCommand());
        } catch (RuntimeException e) {
            digest = CompletableFuture.failedFuture(e);
        }
        return digest.handle((result, failure) -> failure == null
                ? new BatchResponse.Item(index, 200, DigestResponse.of(result), null)
                : problem(index, failure, path));
    }

    private static BatchResponse.Item problem(int index, Throwable failure, String path) {
        Problem problem = ProblemMappers.problemFor(failure, path);
        return new BatchResponse.Item(index, problem.status(), null, problem);
    }
}

package io.precis.digest;

import io.precis.problem.Problem;
import io.precis.problem.ProblemException;
import io.precis.problem.ProblemMappers;
import io.precis.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.jboss.logging.Logger;

/**
 * Digests a batch of articles, {@code BATCH_CONCURRENCY} at a time, each ending in a digest or a problem of its own.
 * Identical articles in a batch are computed once: they meet in the single flight, or in the cache.
 */
@ApplicationScoped
public class BatchService {

    private static final Logger LOG = Logger.getLogger(BatchService.class);

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
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        Problem problem;
        if (cause instanceof ProblemException known) {
            problem = ProblemMappers.problem(known.type(), known.detail(), path, known.extensions(),
                    known.retryAfter() == null ? null : ProblemMappers.seconds(known.retryAfter()));
        } else {
            String errorId = UUID.randomUUID().toString();
            LOG.errorf(cause, "Unexpected failure on batch item %d (errorId %s)", index, errorId);
            problem = ProblemMappers.problem(ProblemType.INTERNAL, "The service failed unexpectedly; quote errorId "
                    + errorId + " when reporting it.", path, Map.of("errorId", errorId), null);
        }
        return new BatchResponse.Item(index, problem.status(), null, problem);
    }
}

package io.precis.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.precis.digest.BatchService;
import io.precis.problem.Problem;
import io.precis.problem.ProblemMappers;
import java.util.List;
import java.util.stream.IntStream;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One result per item of a batch, in the items' order.
 *
 * @param results a digest or a problem for each item
 */
@Schema(name = "BatchResponse", description = "A digest or a problem for each item, in order.",
        example = ApiExamples.BATCH_RESPONSE)
public record BatchResponse(List<Item> results) {

    /** The answer to a batch whose items ended so; {@code path} is the batch's, for the items' problems. */
    static BatchResponse of(List<BatchService.Outcome> outcomes, String path) {
        return new BatchResponse(IntStream.range(0, outcomes.size())
                .mapToObj(index -> item(index, outcomes.get(index), path)).toList());
    }

    private static Item item(int index, BatchService.Outcome outcome, String path) {
        if (outcome.failure() == null) {
            return new Item(index, 200, DigestResponse.of(outcome.digest()), null);
        }
        Problem problem = ProblemMappers.problemFor(outcome.failure(), path);
        return new Item(index, problem.status(), null, problem);
    }

    /**
     * The outcome of one item.
     *
     * @param index   its position in the request, from 0
     * @param status  the HTTP status it would have had on its own
     * @param digest  its digest, when it succeeded
     * @param problem its problem, when it failed
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "BatchItem", description = "A digest (status 200) or a problem for one item.",
            example = "{\"index\": 1, \"status\": 422, \"problem\": {\"type\": \"/problems/no-article-text\","
                    + " \"title\": \"No article text\", \"status\": 422, \"detail\": \"...\"}}")
    public record Item(int index, int status, DigestResponse digest, Problem problem) {
    }
}

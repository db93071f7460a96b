package io.precis.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.precis.problem.Problem;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One result per item of a batch, in the items' order.
 *
 * @param results a digest or a problem for each item
 */
@Schema(name = "BatchResponse", description = "A digest or a problem for each item, in order.",
        example = ApiExamples.BATCH_RESPONSE)
public record BatchResponse(List<Item> results) {

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

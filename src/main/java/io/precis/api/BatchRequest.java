package io.precis.api;

import io.precis.digest.DigestCommand;
import io.precis.task.Caller;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Several articles to digest in one call.
 *
 * @param items the digest requests, answered in the same order
 */
@Schema(name = "BatchRequest", description = "Up to BATCH_MAX_ITEMS (50) digest requests, answered in order.",
        example = ApiExamples.BATCH_REQUEST)
public record BatchRequest(
        @Schema(required = true, description = "The digest requests.") List<DigestRequest> items) {

    /** Each item's command for this caller, or the reason it is not a valid request, when the batch gets to it. */
    List<Supplier<DigestCommand>> commands(Caller who) {
        return items == null ? null : items.stream().<Supplier<DigestCommand>>map(item -> () -> {
            if (item == null) {
                throw EmptyBody.refused();
            }
            return item.toCommand(who);
        }).toList();
    }
}

package io.precis.api;

import io.precis.core.ServiceException;
import io.precis.digest.DigestCommand;
import io.precis.task.Caller;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Several articles to digest in one call.
 *
 * @param items       the digest requests, answered in the same order
 * @param callbackUrl where to post the job's document when it ends, with Prefer: respond-async
 */
@Schema(name = "BatchRequest", description = "Up to BATCH_MAX_ITEMS (50) digest requests, answered in order.",
        example = ApiExamples.BATCH_REQUEST)
public record BatchRequest(
        @Schema(required = true, description = "The digest requests.") List<DigestRequest> items,
        @Schema(description = JobOrders.CALLBACK_DESCRIPTION, format = "uri", nullable = true)
        String callbackUrl) {

    /** Each item's command for this caller, or the reason it is not a valid request, when the batch gets to it. */
    List<Supplier<DigestCommand>> commands(Caller who) {
        return items == null ? null : items.stream().<Supplier<DigestCommand>>map(item -> () -> {
            if (item == null) {
                throw EmptyBody.refused();
            }
            if (item.callbackUrl() != null) {
                throw ServiceException.invalidField("callbackUrl", "belongs to the batch, not to its items");
            }
            return item.toCommand(who);
        }).toList();
    }
}

package io.precis.api;

import java.util.List;
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
}

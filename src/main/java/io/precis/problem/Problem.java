package io.precis.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem details document, as sent with {@code application/problem+json}.
 *
 * @param type       the problem type URI; its page explains the problem
 * @param title      the short, fixed summary of the problem type
 * @param status     the HTTP status code
 * @param detail     what went wrong with this request, written for the client developer
 * @param instance   the request path
 * @param extensions extra members, such as {@code errors} for invalid fields or {@code errorId} for internal errors
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details. Some problems carry more members: 'errors'"
        + " (each invalid field and why), 'errorId' (an internal error's id in the logs), 'retryAfterSeconds'.",
        additionalProperties = Schema.True.class, example = """
        {"type": "/problems/invalid-request", "title": "Invalid request", "status": 400,
         "detail": "summaryLanguage: 'xx' is not one of en, fr", "instance": "/api/v1/digests",
         "errors": [{"field": "summaryLanguage", "message": "'xx' is not one of en, fr"}]}""")
public record Problem(
        @Schema(format = "uri-reference", description = "The problem type; its page explains it.") URI type,
        String title, int status, String detail, String instance,
        @Schema(hidden = true) Map<String, Object> extensions) {

    /** The media type of problem documents. */
    public static final String MEDIA_TYPE = "application/problem+json";

    @JsonAnyGetter
    @Override
    public Map<String, Object> extensions() {
        return extensions;
    }
}

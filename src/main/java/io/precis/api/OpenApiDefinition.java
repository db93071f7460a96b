package io.precis.api;

import io.precis.problem.Problem;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The OpenAPI document's header, and the error responses that operations share by reference, each with an example
 * of its problem document.
 */
@OpenAPIDefinition(
        info = @Info(title = "precis", version = "1",
                description = "Summaries and full translations of French (and English) news articles, written by a"
                        + " language model chosen by the operator, and cached per article so that no article is"
                        + " paid for twice. Every error is an RFC 9457 problem (application/problem+json).",
                license = @License(name = "Proprietary")),
        tags = {
            @Tag(name = "Digests", description = "Summary and translation of an article in one call."),
            @Tag(name = "Summaries", description = "Summary of an article."),
            @Tag(name = "Translations", description = "Full translation of an article."),
            @Tag(name = "Languages", description = "What the service reads and writes.")
        },
        components = @Components(responses = {
            @APIResponse(name = OpenApiDefinition.BAD_REQUEST, responseCode = "400",
                    description = "Malformed JSON, or a field with an invalid value or type.",
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                            examples = @ExampleObject(name = "invalid language", value = """
                                    {"type": "/problems/invalid-request", "title": "Invalid request", "status": 400,
                                     "detail": "summaryLanguage: 'xx' is not one of fr, en",
                                     "instance": "/api/v1/digests",
                                     "errors": [{"field": "summaryLanguage", "message": "'xx' is not one of fr, en"}]}
                                    """))),
            @APIResponse(name = OpenApiDefinition.TOO_LARGE, responseCode = "413",
                    description = "The article is longer than ARTICLE_MAX_CHARS or the model's budget, or the body is"
                            + " larger than the HTTP limit.",
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                            examples = @ExampleObject(name = "article too long", value = """
                                    {"type": "/problems/article-too-long", "title": "Article too long", "status": 413,
                                     "detail": "The article has 120345 characters; the limit is 100000 \
                                    (ARTICLE_MAX_CHARS).", "instance": "/api/v1/digests"}
                                    """))),
            @APIResponse(name = OpenApiDefinition.UNSUPPORTED_MEDIA_TYPE, responseCode = "415",
                    description = "The body is not application/json, text/plain or text/html.",
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
            @APIResponse(name = OpenApiDefinition.UNPROCESSABLE, responseCode = "422",
                    description = "No article text is left after cleaning, a page sent as HTML holds no article,"
                            + " or the article is in an unsupported language.",
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                            examples = @ExampleObject(name = "German article", value = """
                                    {"type": "/problems/unsupported-language", "title": "Unsupported source language",
                                     "status": 422, "detail": "The article appears to be written in 'de'; supported \
                                    source languages are fr, en.", "instance": "/api/v1/digests"}
                                    """))),
            @APIResponse(name = OpenApiDefinition.BAD_GATEWAY, responseCode = "502",
                    description = "The language model answered something unusable (empty, malformed, wrong language)"
                            + " even after a corrective retry, or refused the request. Nothing was stored.",
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
            @APIResponse(name = OpenApiDefinition.UNAVAILABLE, responseCode = "503",
                    description = "The language model is unavailable or rate-limited, the service is overloaded, or the"
                            + " configured provider cannot do what was asked. Retry after Retry-After seconds.",
                    headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying.",
                            schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER)),
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                            examples = @ExampleObject(name = "extractive provider", value = """
                                    {"type": "/problems/capability-unavailable",
                                     "title": "Not available with the configured provider", "status": 503,
                                     "detail": "The extractive provider (LLM_PROVIDER=extractive) cannot translate; \
                                    ...", "instance": "/api/v1/digests"}
                                    """))),
            @APIResponse(name = OpenApiDefinition.TIMEOUT, responseCode = "504",
                    description = "The language model did not answer within LLM_TIMEOUT. Nothing was stored.",
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
        }))
public class OpenApiDefinition extends Application {

    /** Reference names of the shared responses. */
    public static final String BAD_REQUEST = "BadRequest";
    public static final String TOO_LARGE = "TooLarge";
    public static final String UNSUPPORTED_MEDIA_TYPE = "UnsupportedMediaType";
    public static final String UNPROCESSABLE = "Unprocessable";
    public static final String BAD_GATEWAY = "BadGateway";
    public static final String UNAVAILABLE = "Unavailable";
    public static final String TIMEOUT = "Timeout";
}

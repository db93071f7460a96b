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
            @Tag(name = "Jobs", description = "Requests sent with 'Prefer: respond-async', run in the background:"
                    + " read them back, or cancel them."),
            @Tag(name = "Glossaries", description = "Named glossaries, which requests use by glossaryId."),
            @Tag(name = "Languages", description = "What the service reads and writes."),
            @Tag(name = "Usage", description = "What the calling API key asked of the service, and its limits.")
        },
        components = @Components(headers = @Header(name = OpenApiDefinition.RETRY_AFTER,
                description = "Seconds to wait before retrying.",
                schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER)),
                responses = {
            @APIResponse(name = OpenApiDefinition.ACCEPTED, responseCode = "202",
                    description = "Sent with 'Prefer: respond-async': the request is a job. Read it at Location until"
                            + " its status is succeeded (its result is this operation's 200 answer), failed or"
                            + " cancelled. A job whose parts are all in the cache is succeeded already.",
                    headers = {@Header(name = "Location", description = "The job: /api/v1/jobs/{jobId}.",
                            schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)),
                        @Header(name = "Preference-Applied", description = "respond-async.",
                            schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING))},
                    content = @Content(schema = @Schema(implementation = JobView.class),
                            examples = @ExampleObject(name = "queued", value = ApiExamples.JOB_QUEUED))),
            @APIResponse(name = OpenApiDefinition.NOT_FOUND, responseCode = "404",
                    description = "There is no such job for this client: it never existed, belongs to another API key,"
                            + " or finished more than JOB_RETENTION ago.",
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                            examples = @ExampleObject(name = "no such job", value = """
                                    {"type": "/problems/not-found", "title": "Not found", "status": 404,
                                     "detail": "There is no such job for this client: it never existed, belongs to \
                                    another API key, or finished more than JOB_RETENTION ago.",
                                     "instance": "/api/v1/jobs/0f8e4c2a9b7d4e1f8a6c3b5d7e9f1a2b"}
                                    """))),
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
                                     "detail": "The article has 240345 characters; the limit is 200000 \
                                    (ARTICLE_MAX_CHARS).", "instance": "/api/v1/digests"}
                                    """))),
            @APIResponse(name = OpenApiDefinition.UNAUTHORIZED, responseCode = "401",
                    description = "API keys are configured (API_KEYS) and the request presented none, or a wrong one.",
                    headers = @Header(name = "WWW-Authenticate", description = "Bearer.",
                            schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)),
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                            examples = @ExampleObject(name = "no key", value = """
                                    {"type": "/problems/unauthorized", "title": "Unauthorized", "status": 401,
                                     "detail": "Send a valid API key as 'Authorization: Bearer <key>' or \
                                    'X-API-Key: <key>'.", "instance": "/api/v1/digests"}
                                    """))),
            @APIResponse(name = OpenApiDefinition.TOO_MANY_REQUESTS, responseCode = "429",
                    description = "The client's request limit (RATE_LIMIT_PER_MINUTE, RATE_LIMIT_BURST) or characters"
                            + " limit (RATE_LIMIT_CHARACTERS_PER_MINUTE) is reached, or its address presented too many"
                            + " wrong API keys. Retry after Retry-After seconds.",
                    headers = @Header(name = "Retry-After", ref = OpenApiDefinition.RETRY_AFTER),
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                            examples = {@ExampleObject(name = "request limit", value = """
                                    {"type": "/problems/too-many-requests", "title": "Too many requests",
                                     "status": 429, "detail": "The request limit of this client is reached; retry \
                                    in 2 s.", "instance": "/api/v1/digests", "retryAfterSeconds": 2}
                                    """), @ExampleObject(name = "characters limit", value = """
                                    {"type": "/problems/too-many-requests", "title": "Too many requests",
                                     "status": 429, "detail": "This client sent more characters of article in the \
                                    last minute than its limit allows (RATE_LIMIT_CHARACTERS_PER_MINUTE); this \
                                    article has 3512. Retry in 6 s.", "instance": "/api/v1/digests", \
                                    "retryAfterSeconds": 6}
                                    """)})),
            @APIResponse(name = OpenApiDefinition.UNSUPPORTED_MEDIA_TYPE, responseCode = "415",
                    description = "The body is not application/json, text/plain or text/html, the Content-Type is not"
                            + " a media type, or text/plain is in a charset the service does not read.",
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                            examples = @ExampleObject(name = "XML body", value = """
                                    {"type": "/problems/unsupported-media-type", "title": "Unsupported media type",
                                     "status": 415, "detail": "Send the article as application/json, text/plain or \
                                    text/html.", "instance": "/api/v1/digests"}
                                    """))),
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
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                            examples = @ExampleObject(name = "wrong language", value = """
                                    {"type": "/problems/llm-bad-output",
                                     "title": "Unusable answer from the language model", "status": 502,
                                     "detail": "The model's summary was unusable twice: it was written in 'fr', not \
                                    in English.", "instance": "/api/v1/digests"}
                                    """))),
            @APIResponse(name = OpenApiDefinition.UNAVAILABLE, responseCode = "503",
                    description = "The language model is unavailable or rate-limited, the service is overloaded, or the"
                            + " configured provider cannot do what was asked. Retry after Retry-After seconds.",
                    headers = @Header(name = "Retry-After", ref = OpenApiDefinition.RETRY_AFTER),
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                            examples = {@ExampleObject(name = "model unavailable", value = """
                                    {"type": "/problems/llm-unavailable", "title": "Language model unavailable",
                                     "status": 503, "detail": "The language model (openai, gpt-4o-mini) failed \
                                    repeatedly; calls are suspended (circuit open) and will be tried again shortly.",
                                     "instance": "/api/v1/digests", "retryAfterSeconds": 30}
                                    """), @ExampleObject(name = "extractive provider", value = """
                                    {"type": "/problems/capability-unavailable",
                                     "title": "Not available with the configured provider", "status": 503,
                                     "detail": "The extractive provider (LLM_PROVIDER=extractive) cannot translate; \
                                    ...", "instance": "/api/v1/digests"}
                                    """)})),
            @APIResponse(name = OpenApiDefinition.TIMEOUT, responseCode = "504",
                    description = "The language model did not answer within LLM_TIMEOUT. Nothing was stored. Send the"
                            + " request with 'Prefer: respond-async' to run it as a job, which no proxy cuts.",
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                            examples = @ExampleObject(name = "timeout", value = """
                                    {"type": "/problems/llm-timeout", "title": "Language model timed out",
                                     "status": 504, "detail": "The language model (openai, gpt-4o-mini) did not \
                                    answer within 120 s (LLM_TIMEOUT).", "instance": "/api/v1/digests"}
                                    """)))
        }))
public class OpenApiDefinition extends Application {

    /** Reference names of the shared responses. */
    public static final String ACCEPTED = "Accepted";
    public static final String NOT_FOUND = "NotFound";
    public static final String BAD_REQUEST = "BadRequest";
    public static final String RETRY_AFTER = "Retry-After";
    public static final String UNAUTHORIZED = "Unauthorized";
    public static final String TOO_MANY_REQUESTS = "TooManyRequests";
    public static final String TOO_LARGE = "TooLarge";
    public static final String UNSUPPORTED_MEDIA_TYPE = "UnsupportedMediaType";
    public static final String UNPROCESSABLE = "Unprocessable";
    public static final String BAD_GATEWAY = "BadGateway";
    public static final String UNAVAILABLE = "Unavailable";
    public static final String TIMEOUT = "Timeout";
}

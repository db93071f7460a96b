package io.precis.problem;

import io.precis.core.Failure;
import java.net.URI;

/**
 * Every kind of problem the API reports, with its HTTP status and a stable type URI.
 *
 * <p>The type URIs are served as human-readable pages by {@link ProblemTypeResource}, so a client developer who
 * meets one can look it up.
 */
public enum ProblemType {
    INVALID_REQUEST(400, "Invalid request",
            "The request body or a parameter is malformed or has an invalid value. The detail names the field."),
    UNAUTHORIZED(401, "Unauthorized",
            "This deployment requires an API key: send it as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'."),
    NOT_FOUND(404, "Not found",
            "Nothing is stored or served at this address."),
    METHOD_NOT_ALLOWED(405, "Method not allowed",
            "The resource exists but does not support this HTTP method."),
    NOT_ACCEPTABLE(406, "Not acceptable",
            "The API answers in JSON (application/json, and application/problem+json for errors)."),
    ARTICLE_TOO_LONG(413, "Article too long",
            "The article is longer than this service accepts, or longer than the configured model can handle."),
    BATCH_TOO_LARGE(413, "Batch too large",
            "The batch holds more articles than the configured limit (BATCH_MAX_ITEMS)."),
    BODY_TOO_LARGE(413, "Request body too large",
            "The request body is larger than the configured limit."),
    URI_TOO_LONG(414, "URI too long",
            "The request's URI is longer than the service accepts (HTTP_MAX_URI_LENGTH). Send the article in the body,"
                    + " not in the query."),
    HEADERS_TOO_LARGE(431, "Request header fields too large",
            "The request's headers together are larger than the service accepts (HTTP_MAX_HEADER_SIZE)."),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type",
            "Send the article as application/json, as text/plain, or as a page in text/html."),
    NO_ARTICLE_TEXT(422, "No article text",
            "Nothing was left of the article after cleaning: it was empty, whitespace or only page furniture."),
    NO_ARTICLE_IN_PAGE(422, "No article in the page",
            "The page sent as HTML holds no article to extract: it is empty, an index or error page, a page whose"
                    + " article a script loads, or not HTML at all. Send the article's own page, or its text."),
    UNSUPPORTED_LANGUAGE(422, "Unsupported source language",
            "The article is written in a language the service does not summarize or translate."),
    TOO_MANY_REQUESTS(429, "Too many requests",
            "This client sent more requests, or more characters of article, than its limits allow per minute (per"
                    + " API key, or per address without keys), or too many wrong API keys. Retry after the number of"
                    + " seconds in the Retry-After header. A client with as many unfinished jobs as it may have"
                    + " (JOB_MAX_ACTIVE_PER_KEY) gets no Retry-After: it may send another job when one of its jobs"
                    + " has finished."),
    INTERNAL(500, "Internal error",
            "The service failed unexpectedly. The errorId in the problem identifies the failure in the logs."),
    LLM_BAD_OUTPUT(502, "Unusable answer from the language model",
            "The language model answered, but its answer was empty, malformed or in the wrong language, even"
                    + " after a corrective retry. Nothing was stored; retrying may succeed."),
    LLM_REJECTED(502, "The language model refused the request",
            "The provider rejected the request the service sent it (for example its content filter, or a context"
                    + " limit lower than configured). Nothing was stored; the detail says what the provider objected"
                    + " to."),
    LLM_UNAVAILABLE(503, "Language model unavailable",
            "The language model could not be reached, refused the call or is rate-limited. Retry after the"
                    + " number of seconds in the Retry-After header."),
    CAPABILITY_UNAVAILABLE(503, "Not available with the configured provider",
            "The configured provider cannot do what was asked (for example the extractive provider cannot"
                    + " translate). Retrying will not help until an operator changes the configuration, so there is"
                    + " no Retry-After; the detail names the settings that enable it."),
    OVERLOADED(503, "Service overloaded",
            "Too many requests are waiting for the language model. Retry after the number of seconds in the"
                    + " Retry-After header."),
    LLM_TIMEOUT(504, "Language model timed out",
            "The language model did not answer within the configured timeout (LLM_TIMEOUT). Retrying may succeed;"
                    + " an answer that arrives late is stored for the next request.");

    /** Path under which the problem type pages are served. */
    public static final String PATH = "/problems";

    private final int status;
    private final String title;
    private final String description;

    ProblemType(int status, String title, String description) {
        this.status = status;
        this.title = title;
        this.description = description;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    /** The URL-friendly name of this type, such as {@code article-too-long}. */
    public String slug() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The type URI, relative to the service root as RFC 9457 allows. */
    public URI uri() {
        return URI.create(PATH + "/" + slug());
    }

    /** The problem type a failure of the service is reported as. */
    public static ProblemType of(Failure failure) {
        return switch (failure) {
            case INVALID_REQUEST -> INVALID_REQUEST;
            case UNSUPPORTED_MEDIA_TYPE -> UNSUPPORTED_MEDIA_TYPE;
            case NOT_FOUND -> NOT_FOUND;
            case ARTICLE_TOO_LONG -> ARTICLE_TOO_LONG;
            case BATCH_TOO_LARGE -> BATCH_TOO_LARGE;
            case NO_ARTICLE_TEXT -> NO_ARTICLE_TEXT;
            case NO_ARTICLE_IN_PAGE -> NO_ARTICLE_IN_PAGE;
            case UNSUPPORTED_LANGUAGE -> UNSUPPORTED_LANGUAGE;
            case MODEL_BAD_OUTPUT -> LLM_BAD_OUTPUT;
            case MODEL_REJECTED -> LLM_REJECTED;
            case MODEL_UNAVAILABLE -> LLM_UNAVAILABLE;
            case CAPABILITY_UNAVAILABLE -> CAPABILITY_UNAVAILABLE;
            case QUOTA_EXCEEDED -> TOO_MANY_REQUESTS;
            case OVERLOADED -> OVERLOADED;
            case MODEL_TIMEOUT -> LLM_TIMEOUT;
        };
    }

    /** Finds a type by its slug, or returns null. */
    public static ProblemType fromSlug(String slug) {
        for (ProblemType type : values()) {
            if (type.slug().equals(slug)) {
                return type;
            }
        }
        return null;
    }
}

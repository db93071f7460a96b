package io.precis.core;

/**
 * Why the service could not do what was asked, in the service's own terms. Each kind becomes one problem type at the
 * HTTP edge ({@code io.precis.problem.ProblemType}); nothing below the edge knows about HTTP.
 */
public enum Failure {
    /** A field or parameter of the request is missing, malformed or out of range. */
    INVALID_REQUEST,
    /** The body is in a form or charset the service does not read. */
    UNSUPPORTED_MEDIA_TYPE,
    /** Nothing is stored for what was asked. */
    NOT_FOUND,
    /** The article is longer than the service accepts or than the model can take. */
    ARTICLE_TOO_LONG,
    /** More articles than one batch may hold. */
    BATCH_TOO_LARGE,
    /** Nothing is left of the article after cleaning. */
    NO_ARTICLE_TEXT,
    /** A page holds no article to extract. */
    NO_ARTICLE_IN_PAGE,
    /** The article is in a language the service does not read. */
    UNSUPPORTED_LANGUAGE,
    /** The model answered, but unusably, even after a corrective turn. */
    MODEL_BAD_OUTPUT,
    /** The provider refused the request (content filter, its own limits). */
    MODEL_REJECTED,
    /** The model cannot be reached, refuses the service, or is rate-limiting it. */
    MODEL_UNAVAILABLE,
    /** The configured provider cannot do this at all. */
    CAPABILITY_UNAVAILABLE,
    /** The caller used up its share of work for now (its characters of article per minute). */
    QUOTA_EXCEEDED,
    /** Too many calls wait for the model already. */
    OVERLOADED,
    /** The model did not answer in time. */
    MODEL_TIMEOUT
}

package io.precis.problem;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An error that the API reports to its client as an RFC 9457 problem.
 *
 * <p>The detail is written for the client: it must never carry internal exception messages.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final String detail;
    private final Duration retryAfter;
    private final Map<String, Object> extensions;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, null, Map.of(), null);
    }

    public ProblemException(ProblemType type, String detail, Duration retryAfter) {
        this(type, detail, retryAfter, Map.of(), null);
    }

    public ProblemException(ProblemType type, String detail, Duration retryAfter, Map<String, Object> extensions,
            Throwable cause) {
        super(type.title() + ": " + detail, cause, false, false);
        this.type = type;
        this.detail = detail;
        this.retryAfter = retryAfter;
        this.extensions = Map.copyOf(extensions);
    }

    /** A 400 problem about one field of the request. */
    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(ProblemType.INVALID_REQUEST, field + ": " + message, null,
                Map.of("errors", List.of(new Problem.FieldError(field, message))), null);
    }

    /** A 400 problem for a request without a body. */
    public static ProblemException emptyBody() {
        return new ProblemException(ProblemType.INVALID_REQUEST,
                "The request body is empty; send a JSON object with at least a \"text\" field.");
    }

    public ProblemType type() {
        return type;
    }

    public String detail() {
        return detail;
    }

    /** How long the client should wait before retrying, or null when retrying will not help. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}

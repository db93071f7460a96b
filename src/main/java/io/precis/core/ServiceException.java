package io.precis.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A failure the client is told about: its kind, a detail written for the client developer (never the message of an
 * internal exception), when retrying may help, and which fields were wrong.
 */
public class ServiceException extends RuntimeException {

    private final Failure failure;
    private final String detail;
    private final Duration retryAfter;
    private final List<FieldError> fieldErrors;
    private final Map<String, Object> members;

    public ServiceException(Failure failure, String detail) {
        this(failure, detail, null);
    }

    public ServiceException(Failure failure, String detail, Duration retryAfter) {
        this(failure, detail, retryAfter, List.of());
    }

    private ServiceException(Failure failure, String detail, Duration retryAfter, List<FieldError> fieldErrors) {
        this(failure, detail, retryAfter, fieldErrors, Map.of());
    }

    private ServiceException(Failure failure, String detail, Duration retryAfter, List<FieldError> fieldErrors,
            Map<String, Object> members) {
        // No stack trace: these are expected outcomes, answered to clients, and thrown on hot paths.
        super(failure + ": " + detail, null, false, false);
        this.failure = failure;
        this.detail = detail;
        this.retryAfter = retryAfter;
        this.fieldErrors = List.copyOf(fieldErrors);
        this.members = Map.copyOf(members);
    }

    /**
     * The same failure with one more member of its problem details, such as the {@code warnings} of a refused text.
     *
     * @param value a value the JSON writer can write
     */
    public ServiceException withMember(String name, Object value) {
        Map<String, Object> more = new java.util.LinkedHashMap<>(members);
        more.put(name, value);
        return new ServiceException(failure, detail, retryAfter, fieldErrors, more);
    }

    /** Members of its problem details besides the standard ones; empty when none. */
    public Map<String, Object> members() {
        return members;
    }

    /** A request field that is missing or invalid. */
    public static ServiceException invalidField(String field, String message) {
        return new ServiceException(Failure.INVALID_REQUEST, field + ": " + message, null,
                List.of(new FieldError(field, message)));
    }


    public Failure failure() {
        return failure;
    }

    public String detail() {
        return detail;
    }

    /** How long the client should wait before retrying, or null when retrying will not help. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The invalid fields, for a failure about the request's fields; otherwise empty. */
    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    /**
     * One invalid field of a request.
     *
     * @param field   the field or parameter name
     * @param message what is wrong with it
     */
    public record FieldError(String field, String message) {
    }
}

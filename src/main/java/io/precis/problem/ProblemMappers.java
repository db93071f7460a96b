package io.precis.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.precis.core.Failure;
import io.precis.core.ServiceException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where exceptions become HTTP responses: every error leaves as an RFC 9457 problem.
 *
 * <p>Details are built from what the service knows about the request, never from the messages of internal
 * exceptions, so no class name, stack trace or upstream error text reaches a client.
 */
public class ProblemMappers {

    private static final FailureLog FAILURES = new FailureLog(Logger.getLogger(ProblemMappers.class), System::nanoTime);
    /** How Jackson's strict duplicate detection names the field. */
    private static final Pattern DUPLICATE_FIELD = Pattern.compile(
            "Duplicate field '([^']{1,100})'");

    @ServerExceptionMapper
    public Response problem(ServiceException e, UriInfo uri) {
        return build(ProblemType.of(e.failure()), detail(e), uri, extensions(e), e.retryAfter() == null ? null
                : seconds(e.retryAfter()));
    }

    /**
     * The detail of a request's own problem. A request answered while its client waits that ran out of time is told
     * how to have it done anyway: as a job, whose model calls have until {@code JOB_TIMEOUT}.
     */
    private static String detail(ServiceException e) {
        return e.failure() != Failure.MODEL_TIMEOUT ? e.detail() : e.detail() + " Send the request with the header"
                + " 'Prefer: respond-async' to run it as a job (GET /api/v1/jobs/{jobId}), whose model calls have"
                + " until JOB_TIMEOUT.";
    }

    /** The members a failure adds to its problem: the invalid fields, when it is about fields. */
    private static Map<String, Object> extensions(ServiceException e) {
        Map<String, Object> members = new LinkedHashMap<>(e.members());
        if (!e.fieldErrors().isEmpty()) {
            members.put("errors", e.fieldErrors());
        }
        return members;
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        String field = fieldPath(e);
        String message = describeMismatch(e);
        if (field.isEmpty()) {
            return build(ProblemType.INVALID_REQUEST, "The request body has the wrong shape: " + message, uri,
                    Map.of(), null);
        }
        return build(ProblemType.INVALID_REQUEST, field + ": " + message, uri,
                Map.of("errors", List.of(new ServiceException.FieldError(field, message))), null);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            Matcher duplicate = DUPLICATE_FIELD.matcher(String.valueOf(json.getOriginalMessage()));
            if (duplicate.lookingAt()) {
                String field = duplicate.group(1);
                String message = "is given more than once";
                return build(ProblemType.INVALID_REQUEST, field + ": " + message, uri,
                        Map.of("errors", List.of(new ServiceException.FieldError(field, message))), null);
            }
            JsonLocation at = json.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            return build(ProblemType.INVALID_REQUEST, "The request body is not valid JSON" + where + ".", uri,
                    Map.of(), null);
        }
        return switch (status) {
            case 400 -> build(ProblemType.INVALID_REQUEST, "The request could not be read.", uri, Map.of(), null);
            case 404 -> build(ProblemType.NOT_FOUND, "No resource at " + uri.getPath() + ".", uri, Map.of(), null);
            case 405 -> build(ProblemType.METHOD_NOT_ALLOWED, "This resource does not support that method.", uri,
                    Map.of(), null);
            case 406 -> build(ProblemType.NOT_ACCEPTABLE,
                    "This resource answers with application/json only.", uri, Map.of(), null);
            case 413 -> build(ProblemType.BODY_TOO_LARGE, "The request body is larger than the configured limit.",
                    uri, Map.of(), null);
            case 415 -> build(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Send the article as application/json, text/plain or text/html.", uri, Map.of(), null);
            default -> status >= 500 ? internal(e, uri)
                    : genericClientError(status, uri);
        };
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        return internal(e, uri);
    }

    private Response internal(Throwable e, UriInfo uri) {
        return Response.status(ProblemType.INTERNAL.status()).type(Problem.MEDIA_TYPE)
                .entity(internalProblem(e, uri.getPath())).build();
    }

    /**
     * The problem a failure becomes in an answer that carries problems inside it (a batch item, a server-sent
     * event): a {@link ServiceException} as its problem type, anything else as an internal error, logged under a fresh
     * errorId.
     */
    public static Problem problemFor(Throwable failure, String path) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof ServiceException known) {
            return problem(ProblemType.of(known.failure()), known.detail(), path, extensions(known),
                    known.retryAfter() == null ? null : seconds(known.retryAfter()));
        }
        return internalProblem(cause, path);
    }

    private static Problem internalProblem(Throwable e, String path) {
        String errorId = UUID.randomUUID().toString();
        FAILURES.unexpected(e, path, errorId);
        return problem(ProblemType.INTERNAL, "The service failed unexpectedly; quote errorId " + errorId
                + " when reporting it.", path, Map.of("errorId", errorId), null);
    }

    private static Response genericClientError(int status, UriInfo uri) {
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Client error" : known.getReasonPhrase();
        Problem problem = new Problem(null, title, status, title + ".", uri.getPath(), Map.of());
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** A wait in whole seconds for Retry-After, rounded up, at least one. */
    public static long seconds(java.time.Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    /** Builds the response; shared with filters that answer before a resource runs. */
    public static Response build(ProblemType type, String detail, UriInfo uri, Map<String, Object> extensions,
            Long retryAfterSeconds) {
        return build(type, detail, uri.getPath(), extensions, retryAfterSeconds);
    }

    /** Builds the response for a request path. */
    public static Response build(ProblemType type, String detail, String path, Map<String, Object> extensions,
            Long retryAfterSeconds) {
        Response.ResponseBuilder response = Response.status(type.status()).type(Problem.MEDIA_TYPE)
                .entity(problem(type, detail, path, extensions, retryAfterSeconds));
        if (retryAfterSeconds != null) {
            response.header(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
        }
        return response.build();
    }

    /** The problem document for a request path. */
    public static Problem problem(ProblemType type, String detail, String path, Map<String, Object> extensions,
            Long retryAfterSeconds) {
        Map<String, Object> members = new LinkedHashMap<>(extensions);
        if (retryAfterSeconds != null) {
            members.put("retryAfterSeconds", retryAfterSeconds);
        }
        return new Problem(type.uri(), type.title(), type.status(), detail, path, members);
    }

    private static String fieldPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String describeMismatch(MismatchedInputException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "is not a field of this request; its fields are " + unknown.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
        }
        Class<?> target = e.getTargetType();
        if (e instanceof InvalidFormatException invalid && target != null && target.isEnum()) {
            return "'" + invalid.getValue() + "' is not one of " + ApiEnums.codes(target);
        }
        if (target == null) {
            return "unexpected JSON";
        }
        if (target.isEnum()) {
            return "expected one of " + ApiEnums.codes(target);
        }
        return "expected " + jsonTypeName(target);
    }

    private static String jsonTypeName(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}

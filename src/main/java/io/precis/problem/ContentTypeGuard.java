package io.precis.problem;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Answers a request whose {@code Content-Type} is not a media type at all ({@code x}, {@code a/b/c}, {@code !!!})
 * with a 415 problem, before the REST layer: it fails to parse such a header with an exception that would otherwise
 * reach the catch-all as an internal error, logged with its stack trace on every request.
 */
@ApplicationScoped
public class ContentTypeGuard {

    /** Before the body-size guard (-3) and Quarkus's own body handling. */
    private static final int ORDER = -4;

    private final RouteProblems problems;

    public ContentTypeGuard(RouteProblems problems) {
        this.problems = problems;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(context -> {
            String declared = context.request().getHeader(HttpHeaders.CONTENT_TYPE);
            if (declared == null || MediaTypeSyntax.isMediaType(declared)) {
                context.next();
            } else {
                problems.send(context, ProblemType.UNSUPPORTED_MEDIA_TYPE, "The Content-Type header is not a media"
                        + " type (type/subtype, then parameters as ;name=value). Send the article as"
                        + " application/json, text/plain or text/html.", true);
            }
        });
    }
}

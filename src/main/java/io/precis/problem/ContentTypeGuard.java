package io.precis.problem;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

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
            List<String> declared = context.request().headers().getAll(HttpHeaders.CONTENT_TYPE);
            if (declared.isEmpty()) {
                context.next();
            } else if (declared.size() > 1) {
                problems.send(context, ProblemType.UNSUPPORTED_MEDIA_TYPE, "The request has " + declared.size()
                        + " Content-Type headers; send one.", true);
            } else if (!MediaTypeSyntax.isMediaType(declared.get(0))) {
                problems.send(context, ProblemType.UNSUPPORTED_MEDIA_TYPE, "The Content-Type header is not a media"
                        + " type (type/subtype, then parameters as ;name=value). Send the article as"
                        + " application/json, text/plain or text/html.", true);
            } else {
                // The REST layer does not read 'text/plain ; charset=utf-8' (space before the semicolon) as text/plain,
                // though the grammar allows it.
                String readable = MediaTypeSyntax.withoutSpaceBeforeParameters(declared.get(0));
                if (!readable.equals(declared.get(0))) {
                    context.request().headers().set(HttpHeaders.CONTENT_TYPE, readable);
                }
                context.next();
            }
        });
    }
}

package io.precis.problem;

import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The first check of every request, before routing: a URI or headers over the service's limits get a 414 or 431
 * problem where the HTTP server would send a bare status. A client that hangs up in the middle of its request is not
 * an error of the service: it is logged at debug level only, so that clients cannot fill the log by hanging up.
 *
 * <p>Framing the HTTP codec itself cannot parse (a Content-Length that is not a number, two different ones, a request
 * line or headers over the server's own, higher limits) never reaches this guard: Quarkus does not let an application
 * answer those, and the server answers them with a bare 400, 414 or 431 and closes the connection. A request with
 * both a Content-Length and a chunked Transfer-Encoding reaches it without the Content-Length: the codec drops it,
 * as RFC 9112 §6.3 asks, so the body is framed one way only.
 */
@ApplicationScoped
public class FramingGuard {

    private static final Logger LOG = Logger.getLogger(FramingGuard.class);
    /** Before every other guard. */
    private static final int ORDER = -5;
    /** Bytes a header line takes besides its name and value: ": " and CRLF. */
    private static final int LINE_OVERHEAD = 4;

    private final HttpLimitsConfig limits;
    private final RouteProblems problems;

    public FramingGuard(HttpLimitsConfig limits, RouteProblems problems) {
        this.limits = limits;
        this.problems = problems;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(context -> {
            HttpServerRequest request = context.request();
            if (request.uri().length() > limits.maxUriLength()) {
                problems.send(context, ProblemType.URI_TOO_LONG, "The URI has " + request.uri().length()
                        + " characters; the limit is " + limits.maxUriLength() + " (HTTP_MAX_URI_LENGTH).", true);
                return;
            }
            int headerBytes = headerBytes(request);
            if (headerBytes > limits.maxHeaderSize()) {
                problems.send(context, ProblemType.HEADERS_TOO_LARGE, "The headers take " + headerBytes
                        + " bytes; the limit is " + limits.maxHeaderSize() + " (HTTP_MAX_HEADER_SIZE).", true);
                return;
            }
            context.next();
        }).failureHandler(context -> {
            if (context.failure() instanceof HttpClosedException) {
                LOG.debugf("The client of %s %s hung up before its request was read", context.request().method(),
                        context.request().path());
                return;
            }
            context.next();
        });
    }

    private static int headerBytes(HttpServerRequest request) {
        int bytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            bytes += header.getKey().length() + header.getValue().length() + LINE_OVERHEAD;
        }
        return bytes;
    }
}

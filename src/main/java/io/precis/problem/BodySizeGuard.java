package io.precis.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a request whose body is over {@code quarkus.http.limits.max-body-size} with a 413 problem, where Quarkus's
 * own limit handlers would send an empty 413. A declared Content-Length is checked at once; a chunked body is read
 * here, within the limit, and handed to the REST layer already in memory.
 */
@ApplicationScoped
public class BodySizeGuard {

    /** Just before Quarkus's upload-limit route (order -2). */
    private static final int ORDER = -3;
    /** Bodies up to this many times the limit are read and discarded before the answer; larger ones are cut. */
    private static final long DRAIN_FACTOR = 8;

    private final Optional<MemorySize> limit;
    private final RouteProblems problems;

    public BodySizeGuard(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit,
            RouteProblems problems) {
        this.limit = limit;
        this.problems = problems;
    }

    void install(@Observes Router router) {
        if (limit.isEmpty()) {
            return;
        }
        long max = limit.get().asLongValue();
        BodyHandler chunkedBodies = BodyHandler.create(false).setBodyLimit(max);
        router.route().order(ORDER).handler(context -> {
            String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared != null && isOver(declared, max)) {
                String detail = "The request body has " + declared + " bytes; the limit is " + max
                        + " (HTTP_MAX_BODY_SIZE).";
                boolean waitsForContinue = "100-continue".equalsIgnoreCase(
                        context.request().getHeader(HttpHeaders.EXPECT));
                if (waitsForContinue || isOver(declared, max * DRAIN_FACTOR)) {
                    tooLarge(context, detail);
                } else {
                    // A client that is still sending would see its connection reset instead of the answer:
                    // read the body to its end, discarding it, then answer.
                    context.request().handler(ignored -> { }).endHandler(ended -> tooLarge(context, detail));
                }
            } else if (declared == null && context.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
                chunkedBodies.handle(context);
            } else {
                context.next();
            }
        }).failureHandler(context -> {
            if (context.statusCode() == ProblemType.BODY_TOO_LARGE.status() && !context.response().ended()) {
                tooLarge(context, "The request body is over the limit of " + max + " bytes (HTTP_MAX_BODY_SIZE).");
            } else {
                context.next();
            }
        });
    }

    private void tooLarge(RoutingContext context, String detail) {
        problems.send(context, ProblemType.BODY_TOO_LARGE, detail, true);
    }

    private static boolean isOver(String declared, long max) {
        try {
            return Long.parseLong(declared.strip()) > max;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}

package io.precis.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
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
                readChunked(context, max);
            } else {
                context.next();
            }
        });
    }

    /**
     * Reads a chunked body within the limit and hands it to the REST layer in memory. An empty one is handed on too:
     * the REST layer reads the request itself when no body is set, and would wait for the end of one already read.
     */
    private void readChunked(RoutingContext context, long max) {
        HttpServerRequest request = context.request();
        Buffer body = Buffer.buffer();
        AtomicBoolean answered = new AtomicBoolean();
        request.handler(chunk -> {
            if (answered.get()) {
                return;
            }
            if (body.length() + (long) chunk.length() > max) {
                answered.set(true);
                tooLarge(context, "The request body is over the limit of " + max + " bytes (HTTP_MAX_BODY_SIZE).");
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(failure -> {
            if (answered.compareAndSet(false, true)) {
                context.fail(failure);
            }
        });
        request.endHandler(ended -> {
            if (answered.compareAndSet(false, true)) {
                context.setBody(body);
                context.next();
            }
        });
        request.resume();
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

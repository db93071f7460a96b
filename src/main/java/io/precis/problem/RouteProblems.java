package io.precis.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** Answers with a problem document from a Vert.x route, for the guards that run before the REST layer. */
@ApplicationScoped
public class RouteProblems {

    private static final int MAX_INSTANCE = 256;

    private final ObjectMapper json;

    public RouteProblems(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Ends the exchange with the problem.
     *
     * @param close whether to close the connection after it: when the rest of the request cannot be trusted to be
     *              read
     */
    public void send(RoutingContext context, ProblemType type, String detail, boolean close) {
        String path = context.request().path();
        // A URI refused for its length is not sent back whole.
        String instance = path == null || path.length() <= MAX_INSTANCE ? path : path.substring(0, MAX_INSTANCE);
        Problem problem = ProblemMappers.problem(type, detail, instance, Map.of(), null);
        context.response().setStatusCode(type.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (close) {
            context.response().putHeader(HttpHeaders.CONNECTION, "close").end(Buffer.buffer(toJson(problem)))
                    .onComplete(done -> context.request().connection().close());
        } else {
            context.response().end(Buffer.buffer(toJson(problem)));
        }
    }

    private byte[] toJson(Problem problem) {
        try {
            return json.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem document must always serialize", e);
        }
    }
}

package io.precis.security;

import io.precis.problem.HttpLimitsConfig;
import io.precis.problem.ProblemType;
import io.precis.problem.RouteProblems;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caps the connections one client address (an IPv6 client's /64) holds open with requests on them,
 * {@code HTTP_MAX_CONNECTIONS_PER_CLIENT}: the first request on a connection over the cap gets a 429 problem and the
 * connection is closed, so that one client cannot hold the connections every other client needs.
 *
 * <p>It counts the connection's own peer, not a forwarded address: behind an ingress every connection comes from the
 * ingress, which keeps many open to each pod, so the cap is off by default and belongs to the ingress there. A
 * connection that never completes a request (a slow client) is not seen here; the ingress, or the global
 * {@code quarkus.http.limits.max-connections}, bounds those.
 */
@ApplicationScoped
public class ConnectionCap {

    /** Before every other guard. */
    private static final int ORDER = -6;

    private final int max;
    private final RouteProblems problems;
    /** Connections counted, with the network each is counted under. */
    private final Map<HttpConnection, String> counted = new ConcurrentHashMap<>();
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    public ConnectionCap(HttpLimitsConfig limits, RouteProblems problems) {
        this.max = limits.maxConnectionsPerClient();
        this.problems = problems;
    }

    void install(@Observes Router router) {
        if (max <= 0) {
            return;
        }
        router.route().order(ORDER).handler(context -> {
            HttpConnection connection = context.request().connection();
            // Vert.x's connection class tells of its close through a future; its close handler has one slot, which
            // Quarkus may use. Any other connection is not counted.
            if (!(connection instanceof ConnectionBase base) || counted.containsKey(connection)
                    || connection.remoteAddress() == null) {
                context.next();
                return;
            }
            String network = ClientAddresses.network(connection.remoteAddress().hostAddress());
            counted.put(connection, network);
            int held = open.merge(network, 1, Integer::sum);
            base.closeFuture().onComplete(closed -> {
                counted.remove(connection);
                open.computeIfPresent(network, (key, count) -> count == 1 ? null : count - 1);
            });
            if (held > max) {
                problems.send(context, ProblemType.TOO_MANY_REQUESTS, "This client has " + held + " connections"
                        + " open; the limit is " + max + " (HTTP_MAX_CONNECTIONS_PER_CLIENT). Send requests over the"
                        + " connections it has.", true);
                return;
            }
            context.next();
        });
    }

    /** Connections counted for a client network now. */
    int openFor(String network) {
        return open.getOrDefault(network, 0);
    }
}

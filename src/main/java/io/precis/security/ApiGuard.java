package io.precis.security;

import io.precis.metering.CurrentCaller;
import io.precis.metering.Limits;
import io.precis.metering.UsageLedger;
import io.precis.problem.ProblemMappers;
import io.precis.problem.ProblemType;
import io.precis.task.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Guards {@code /api/*}: an API key when keys are configured (health, metrics and docs stay open), then the request
 * limit of the caller: the key, or the client address when the API has no keys. An admitted request is counted in
 * the caller's usage, and its caller is recorded for the resource ({@link CurrentCaller}).
 */
public class ApiGuard {

    private static final String API = "/api/";
    private static final String BEARER = "Bearer ";
    /**
     * A filter's answer that lets the request go on at once: RESTEasy Reactive suspends the request for any Uni,
     * even one already resolved, and only a null one lets it go on without that cost (the cache-hit path).
     */
    private static final Uni<Response> GO_ON = null;

    private final ApiKeys keys;
    private final KeyAttempts attempts;
    private final Limits limits;
    private final UsageLedger usage;
    private final CurrentCaller current;

    public ApiGuard(ApiKeys keys, KeyAttempts attempts, Limits limits, UsageLedger usage, CurrentCaller current) {
        this.keys = keys;
        this.attempts = attempts;
        this.limits = limits;
        this.usage = usage;
        this.current = current;
    }

    @ServerRequestFilter(preMatching = true)
    public Uni<Response> guard(ContainerRequestContext request, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith(API)) {
            return GO_ON;
        }
        String address = http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
        String network = ClientAddresses.network(address);
        Caller caller;
        if (keys.required()) {
            // A client that presented too many wrong keys is refused whatever key it presents now: answering a right
            // key would tell a guesser it found one.
            Optional<Duration> barred = attempts.barred(network);
            if (barred.isPresent()) {
                return Uni.createFrom().item(tooMany("Too many wrong API keys from this address", path, barred.get()));
            }
            String presented = presentedKey(request);
            Optional<Caller> known = keys.identify(presented);
            if (known.isEmpty()) {
                // No key at all tells a guesser nothing: only keys that were tried count.
                if (presented != null && !presented.isEmpty()) {
                    attempts.failed(network);
                }
                Response problem = ProblemMappers.build(ProblemType.UNAUTHORIZED, "Send a valid API key as"
                        + " 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.", path, Map.of(), null);
                return Uni.createFrom().item(
                        Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build());
            }
            caller = known.get();
        } else {
            caller = Caller.address(network);
        }
        current.set(caller);
        if (!limits.limitsRequests()) {
            usage.request(caller);
            return GO_ON;
        }
        CompletableFuture<Optional<Duration>> limited = limits.request(caller);
        if (limited.isDone()) {
            // Counted in this process's memory: answered now, without suspending the request.
            return admit(caller, path, limited.join());
        }
        return Uni.createFrom().completionStage(limited).flatMap(wait -> {
            Uni<Response> answer = admit(caller, path, wait);
            return answer == null ? Uni.createFrom().nullItem() : answer;
        });
    }

    /** Lets the request go on and counts it, or refuses it with how long to wait. */
    private Uni<Response> admit(Caller caller, String path, Optional<Duration> wait) {
        if (wait.isPresent()) {
            return Uni.createFrom().item(tooMany("The request limit of this client is reached", path, wait.get()));
        }
        usage.request(caller);
        return GO_ON;
    }

    private static Response tooMany(String why, String path, Duration wait) {
        return ProblemMappers.build(ProblemType.TOO_MANY_REQUESTS, why + "; retry in " + ProblemMappers.seconds(wait)
                + " s.", path, Map.of(), ProblemMappers.seconds(wait));
    }

    private static String presentedKey(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return authorization.substring(BEARER.length()).strip();
        }
        String header = request.getHeaderString("X-API-Key");
        return header == null ? null : header.strip();
    }
}

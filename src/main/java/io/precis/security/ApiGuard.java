package io.precis.security;

import io.precis.problem.ProblemMappers;
import io.precis.problem.ProblemType;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Guards {@code /api/*}: an API key when keys are configured (health, metrics and docs stay open), then the rate
 * limit of the key, or of the client address when the API has no keys.
 */
public class ApiGuard {

    private static final String API = "/api/";
    private static final String BEARER = "Bearer ";

    private final ApiKeys keys;
    private final RateLimiter limiter;

    public ApiGuard(ApiKeys keys, RateLimiter limiter) {
        this.keys = keys;
        this.limiter = limiter;
    }

    @ServerRequestFilter(preMatching = true)
    public Response guard(ContainerRequestContext request, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith(API)) {
            return null;
        }
        String address = http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
        String client;
        if (keys.required()) {
            // A client that presented too many wrong keys is refused whatever key it presents now: answering a right
            // key would tell a guesser it found one.
            String guesser = ClientAddresses.network(address);
            Optional<Duration> barred = limiter.keyAttemptsBarred(guesser);
            if (barred.isPresent()) {
                return tooMany("Too many wrong API keys from this address", path, barred.get());
            }
            String presented = presentedKey(request);
            Optional<String> key = keys.identify(presented);
            if (key.isEmpty()) {
                // No key at all tells a guesser nothing: only keys that were tried count.
                if (presented != null && !presented.isEmpty()) {
                    limiter.keyFailed(guesser);
                }
                Response problem = ProblemMappers.build(ProblemType.UNAUTHORIZED, "Send a valid API key as"
                        + " 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.", path, Map.of(), null);
                return Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
            }
            client = key.get();
        } else {
            client = "address:" + address;
        }
        if (!limiter.enabled()) {
            return null;
        }
        return limiter.acquire(client).map(wait -> tooMany("The rate limit of this client is reached", path, wait))
                .orElse(null);
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

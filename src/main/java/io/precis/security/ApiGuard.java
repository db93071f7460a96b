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
        String client;
        if (keys.required()) {
            Optional<String> key = keys.identify(presentedKey(request));
            if (key.isEmpty()) {
                Response problem = ProblemMappers.build(ProblemType.UNAUTHORIZED, "Send a valid API key as"
                        + " 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.", path, Map.of(), null);
                return Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
            }
            client = key.get();
        } else {
            client = "address:" + (http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress());
        }
        if (!limiter.enabled()) {
            return null;
        }
        Optional<Duration> wait = limiter.acquire(client);
        return wait.map(w -> ProblemMappers.build(ProblemType.TOO_MANY_REQUESTS, "The rate limit of this client"
                + " is reached; retry in " + ProblemMappers.seconds(w) + " s.", path, Map.of(),
                ProblemMappers.seconds(w))).orElse(null);
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

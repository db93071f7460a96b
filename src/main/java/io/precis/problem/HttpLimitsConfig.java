package io.precis.problem;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;

/**
 * Limits on a request's framing, checked before routing so that a request over them gets a problem document. The
 * HTTP server's own limits (quarkus.http.limits.max-initial-line-length, max-header-size) are set higher: a request
 * over those is cut by the server itself, with a bare status and no document.
 */
@ConfigMapping(prefix = "http")
public interface HttpLimitsConfig {

    /** Longest request URI, path and query, in characters; longer gets a 414 problem (env HTTP_MAX_URI_LENGTH). */
    @WithDefault("4096")
    @Min(256)
    int maxUriLength();

    /** Largest size of a request's headers together, in bytes; larger gets a 431 problem (env HTTP_MAX_HEADER_SIZE). */
    @WithDefault("16384")
    @Min(1024)
    int maxHeaderSize();

    /**
     * Connections one client address may hold open with requests on them; 0 (the default) is no cap, as behind an
     * ingress every connection comes from the ingress (env HTTP_MAX_CONNECTIONS_PER_CLIENT).
     */
    @WithDefault("0")
    @Min(0)
    int maxConnectionsPerClient();
}

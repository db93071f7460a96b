package io.precis.llm;

import java.net.URI;
import java.net.URISyntaxException;

/** Provider URLs as they may be shown and stored: without what may carry a secret. */
public final class ProviderUrls {

    private ProviderUrls() {
    }

    /**
     * What tells one endpoint from another, for a model's identity: the URL without its user info (credentials, which
     * change without changing the model) but with its query, by which some gateways route (Azure's api-version). It is
     * hashed into keys, never shown.
     */
    public static String identity(String url) {
        try {
            URI uri = URI.create(url.strip());
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), null)
                    .toString();
        } catch (IllegalArgumentException | URISyntaxException e) {
            return url.strip();
        }
    }

    /** The URL without user info or query, either of which may carry a secret. */
    public static String withoutCredentials(String url) {
        try {
            URI uri = URI.create(url);
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (IllegalArgumentException | URISyntaxException e) {
            return "(unparseable URL)";
        }
    }
}

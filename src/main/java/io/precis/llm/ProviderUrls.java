package io.precis.llm;

import java.net.URI;
import java.net.URISyntaxException;

/** Provider URLs as they may be shown and stored: without what may carry a secret. */
public final class ProviderUrls {

    private ProviderUrls() {
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

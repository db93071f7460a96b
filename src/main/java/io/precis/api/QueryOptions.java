package io.precis.api;

import io.precis.core.ServiceException;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * Options in the query string belong to the text/plain and text/html forms of an operation; a JSON body carries them
 * as fields. A JSON request that has them anyway is refused, naming them, rather than answered as if they were not
 * there: clients moving from the text form, and Swagger UI, which shows one operation's parameters for every body
 * type, send them expecting an effect.
 */
final class QueryOptions {

    /** The query options of POST /api/v1/digests in its text forms. */
    static final List<String> DIGEST = List.of("title", "summaryLanguage", "targetLanguage", "summaryLength",
            "translate", "glossaryId", "callbackUrl");
    /** Those of POST /api/v1/summaries. */
    static final List<String> SUMMARY = List.of("title", "language", "length", "glossaryId", "callbackUrl");
    /** Those of POST /api/v1/translations. */
    static final List<String> TRANSLATION = List.of("title", "targetLanguage", "glossaryId", "callbackUrl");

    private QueryOptions() {
    }

    /** Refuses a JSON request that has, in its query string, options its operation takes there in its text forms. */
    static void refuseWithJsonBody(UriInfo uri, List<String> options) {
        List<String> given = options.stream().filter(uri.getQueryParameters()::containsKey).toList();
        if (!given.isEmpty()) {
            String name = given.get(0);
            throw ServiceException.invalidField(name, "'" + name + "' in the query string applies to text/plain and"
                    + " text/html bodies only; with a JSON body, send it as a field of the body.");
        }
    }
}

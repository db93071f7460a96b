package io.precis.api;

import io.precis.digest.TranslationStreams;
import io.precis.problem.ProblemMappers;
import java.util.Map;

/**
 * One server-sent event of a streamed translation.
 *
 * @param name the event type: {@code delta}, {@code restart}, {@code result} or {@code problem}
 * @param data its JSON payload
 */
public record StreamEvent(String name, Object data) {

    /**
     * The server-sent event of a translation's event: a delta's text, a restart, the result as {@code POST
     * /api/v1/translations} answers it, or the problem a failure is, as RFC 9457 problem details.
     *
     * @param path the request path, for problems' {@code instance}
     */
    static StreamEvent of(TranslationStreams.Event event, String path) {
        if (event instanceof TranslationStreams.Event.Delta delta) {
            return new StreamEvent("delta", new Delta(delta.text()));
        }
        if (event instanceof TranslationStreams.Event.Restart) {
            return new StreamEvent("restart", Map.of());
        }
        if (event instanceof TranslationStreams.Event.Done done) {
            return new StreamEvent("result", DigestResponse.ofTranslation(done.digest()));
        }
        return new StreamEvent("problem",
                ProblemMappers.problemFor(((TranslationStreams.Event.Failed) event).failure(), path));
    }

    /**
     * The payload of a {@code delta} event.
     *
     * @param text text to append
     */
    public record Delta(String text) {
    }
}

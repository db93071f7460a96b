package io.precis.digest;

import io.precis.problem.Problem;
import java.util.Map;

/**
 * One server-sent event of a streamed translation.
 *
 * @param name the event type: {@code delta}, {@code restart}, {@code result} or {@code problem}
 * @param data its JSON payload
 */
public record StreamEvent(String name, Object data) {

    /** More text: append it to what came since the last restart. */
    static StreamEvent delta(String text) {
        return new StreamEvent("delta", new Delta(text));
    }

    /** Discard the text received so far; it is written again (a retry, or an answer asked again). */
    static StreamEvent restart() {
        return new StreamEvent("restart", Map.of());
    }

    /** The stored translation, the same document as {@code POST /api/v1/translations} answers; the last event. */
    static StreamEvent result(TranslationResponse response) {
        return new StreamEvent("result", response);
    }

    /** Why the translation failed, as RFC 9457 problem details; the last event. */
    static StreamEvent problem(Problem problem) {
        return new StreamEvent("problem", problem);
    }

    /**
     * The payload of a {@code delta} event.
     *
     * @param text text to append
     */
    public record Delta(String text) {
    }
}

package io.precis.testing;

import java.time.Duration;
import java.util.Map;

/**
 * One scripted answer of the {@link FakeLlmServer}.
 *
 * @param status       HTTP status
 * @param text         the model's answer, wrapped in the provider's response format
 * @param raw          a body sent as it is instead, or null
 * @param finishReason the OpenAI finish_reason
 * @param headers      extra response headers
 * @param delay        extra delay before answering
 * @param dripEvery    pause between bytes of the body, or between the pieces of a streamed answer; zero sends it
 *                     at once
 * @param dropConnection close the connection without answering
 * @param cutAfter     for a streamed answer, the number of pieces after which the stream ends, unfinished; -1 for
 *                     the whole answer
 */
public record Reply(int status, String text, String raw, String finishReason, Map<String, String> headers,
        Duration delay, Duration dripEvery, boolean dropConnection, int cutAfter) {

    /** A normal answer with this text. */
    public static Reply text(String text) {
        return new Reply(200, text, null, "stop", Map.of(), Duration.ZERO, Duration.ZERO, false, -1);
    }

    /** An HTTP error with an OpenAI-style error body. */
    public static Reply error(int status, String code) {
        return raw(status, "{\"error\": {\"message\": \"fake " + code + "\", \"type\": \"" + code + "\", \"code\": \""
                + code + "\"}}");
    }

    /** A body sent as it is. */
    public static Reply raw(int status, String body) {
        return new Reply(status, null, body, "stop", Map.of(), Duration.ZERO, Duration.ZERO, false, -1);
    }

    /** The connection closed without a response. */
    public static Reply hangUp() {
        return new Reply(200, null, null, "stop", Map.of(), Duration.ZERO, Duration.ZERO, true, -1);
    }

    public Reply withHeader(String name, String value) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put(name, value);
        return new Reply(status, text, raw, finishReason, Map.copyOf(all), delay, dripEvery, dropConnection, cutAfter);
    }

    public Reply after(Duration wait) {
        return new Reply(status, text, raw, finishReason, headers, wait, dripEvery, dropConnection, cutAfter);
    }

    public Reply dripping(Duration every) {
        return new Reply(status, text, raw, finishReason, headers, delay, every, dropConnection, cutAfter);
    }

    public Reply finishing(String reason) {
        return new Reply(status, text, raw, reason, headers, delay, dripEvery, dropConnection, cutAfter);
    }

    /** A streamed answer that stops after this many pieces, without finishing, as a dropped proxy would end it. */
    public Reply cutAfter(int pieces) {
        return new Reply(status, text, raw, finishReason, headers, delay, dripEvery, dropConnection, pieces);
    }
}

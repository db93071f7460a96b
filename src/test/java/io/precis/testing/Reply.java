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
 * @param dripEvery    pause between bytes of the body; zero sends it at once
 * @param dropConnection close the connection without answering
 */
public record Reply(int status, String text, String raw, String finishReason, Map<String, String> headers,
        Duration delay, Duration dripEvery, boolean dropConnection) {

    /** A normal answer with this text. */
    public static Reply text(String text) {
        return new Reply(200, text, null, "stop", Map.of(), Duration.ZERO, Duration.ZERO, false);
    }

    /** An HTTP error with an OpenAI-style error body. */
    public static Reply error(int status, String code) {
        return raw(status, "{\"error\": {\"message\": \"fake " + code + "\", \"type\": \"" + code + "\", \"code\": \""
                + code + "\"}}");
    }

    /** A body sent as it is. */
    public static Reply raw(int status, String body) {
        return new Reply(status, null, body, "stop", Map.of(), Duration.ZERO, Duration.ZERO, false);
    }

    /** The connection closed without a response. */
    public static Reply hangUp() {
        return new Reply(200, null, null, "stop", Map.of(), Duration.ZERO, Duration.ZERO, true);
    }

    public Reply withHeader(String name, String value) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put(name, value);
        return new Reply(status, text, raw, finishReason, Map.copyOf(all), delay, dripEvery, dropConnection);
    }

    public Reply after(Duration wait) {
        return new Reply(status, text, raw, finishReason, headers, wait, dripEvery, dropConnection);
    }

    public Reply dripping(Duration every) {
        return new Reply(status, text, raw, finishReason, headers, delay, every, dropConnection);
    }

    public Reply finishing(String reason) {
        return new Reply(status, text, raw, reason, headers, delay, dripEvery, dropConnection);
    }
}

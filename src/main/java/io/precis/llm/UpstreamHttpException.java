package io.precis.llm;

import dev.langchain4j.exception.HttpException;
import java.time.Duration;
import java.util.Optional;

/** An HTTP error from a provider that keeps what LangChain4j's own exception drops: the Retry-After header. */
public class UpstreamHttpException extends HttpException {

    private final transient Duration retryAfter;

    public UpstreamHttpException(int statusCode, String body, Duration retryAfter) {
        super(statusCode, body);
        this.retryAfter = retryAfter;
    }

    /** The wait the provider asked for, if it sent a Retry-After header in seconds. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}

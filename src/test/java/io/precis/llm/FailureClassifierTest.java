package io.precis.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParseException;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import io.precis.core.Failure;
import io.precis.task.Deadline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Each shape of failure a provider call ends in, and what it means for the client (the failure and its Retry-After),
 * the retry layer (retryable within the deadline or not) and the circuit breaker (the provider's health or not).
 */
class FailureClassifierTest {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(10);
    private static final Duration RETRY_DELAY = Duration.ofMillis(500);
    private final FailureClassifier classifier = new FailureClassifier("The language model (openai, m)", RETRY_AFTER,
            RETRY_DELAY, Duration.ofSeconds(120));
    private final Deadline plenty = Deadline.in(Duration.ofMinutes(1));
    private final Deadline almostGone = Deadline.in(Duration.ofMillis(100));
    private final Deadline passed = Deadline.in(Duration.ofSeconds(-1));

    @Test
    void aPassingRateLimitIsRetriedAfterTheWaitTheProviderAskedFor() {
        ModelCallException failure = classifier.classify(new RateLimitException(
                new UpstreamHttpException(429, "{\"error\":\"slow down\"}", Duration.ofSeconds(2))), plenty);

        assertThat(failure.failure()).isEqualTo(Failure.MODEL_UNAVAILABLE);
        assertThat(failure.outcome()).isEqualTo("rate_limited");
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.requestedWait()).isEqualTo(Duration.ofSeconds(2));
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(failure.circuitFailure()).isTrue();
    }

    @Test
    void aRateLimitWhoseWaitDoesNotFitTheDeadlineIsNotRetried() {
        ModelCallException failure = classifier.classify(new RateLimitException(
                new UpstreamHttpException(429, "", Duration.ofSeconds(30))), almostGone);

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void anExhaustedQuotaIsNeverRetriedAndTellsTheOperator() {
        ModelCallException failure = classifier.classify(new RateLimitException(new UpstreamHttpException(429,
                "{\"error\":{\"code\":\"insufficient_quota\"}}", null)), plenty);

        assertThat(failure.outcome()).isEqualTo("quota");
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.retryAfter()).isEqualTo(RETRY_AFTER);
        assertThat(failure.detail()).contains("quota is exhausted").doesNotContain("insufficient_quota");
    }

    @Test
    void refusedCredentialsAreNotRetriedAndNameTheSetting() {
        ModelCallException failure = classifier.classify(new AuthenticationException(
                new UpstreamHttpException(401, "bad key sk-123", null)), plenty);

        assertThat(failure.failure()).isEqualTo(Failure.MODEL_UNAVAILABLE);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.detail()).contains("HTTP 401", "LLM_API_KEY").doesNotContain("sk-123");
    }

    @Test
    void anUnknownModelIsNotRetriedAndNamesTheSettings() {
        ModelCallException failure = classifier.classify(new ModelNotFoundException("no such model"), plenty);

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.detail()).contains("LLM_MODEL", "LLM_BASE_URL");
    }

    @Test
    void anUnresolvableHostIsNotRetried() {
        ModelCallException failure = classifier.classify(new UnresolvedModelServerException("nowhere"), plenty);

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.detail()).contains("cannot be found at LLM_BASE_URL");
    }

    @Test
    void aHostTheTransportCannotResolveIsNotRetried() {
        ModelCallException failure = classifier.classify(
                new UncheckedIOException(new UnknownHostException("nowhere.invalid")), plenty);

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.detail()).contains("cannot be found at LLM_BASE_URL");
    }

    @Test
    void aRefusedConnectionIsRetried() {
        ModelCallException failure = classifier.classify(new UncheckedIOException(new ConnectException("refused")),
                plenty);

        assertThat(failure.failure()).isEqualTo(Failure.MODEL_UNAVAILABLE);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.detail()).contains("cannot be reached");
    }

    @Test
    void aServerErrorIsRetriedWhileTheDeadlineAllows() {
        RuntimeException error = new InternalServerException(new UpstreamHttpException(503, "overloaded", null));

        assertThat(classifier.classify(error, plenty).retryable()).isTrue();
        assertThat(classifier.classify(error, almostGone).retryable()).isFalse();
        assertThat(classifier.classify(error, plenty).detail()).contains("HTTP 503");
    }

    @Test
    void aContentFilterIsARejectionThatSaysNothingOfTheProvidersHealth() {
        ModelCallException failure = classifier.classify(new ContentFilteredException("filtered"), plenty);

        assertThat(failure.failure()).isEqualTo(Failure.MODEL_REJECTED);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.circuitFailure()).isFalse();
    }

    @Test
    void aRejectedRequestIsNotRetriedNorCountedAgainstTheProvider() {
        ModelCallException failure = classifier.classify(new InvalidRequestException(
                new UpstreamHttpException(400, "context length exceeded", null)), plenty);

        assertThat(failure.failure()).isEqualTo(Failure.MODEL_REJECTED);
        assertThat(failure.circuitFailure()).isFalse();
        assertThat(failure.detail()).contains("HTTP 400").doesNotContain("context length exceeded");
    }

    @Test
    void aMalformedResponseIsRetried() {
        ModelCallException failure = classifier.classify(new IllegalStateException(
                new JsonParseException(null, "Unexpected character")), plenty);

        assertThat(failure.failure()).isEqualTo(Failure.MODEL_BAD_OUTPUT);
        assertThat(failure.outcome()).isEqualTo("bad_output");
        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void aNullPointerInsideTheClientsResponseMappingIsAMalformedResponse() {
        NullPointerException missingPart = new NullPointerException();
        missingPart.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("dev.langchain4j.model.openai.InternalOpenAiHelper", "aiMessageFrom", null, 1)});

        assertThat(classifier.classify(new IllegalStateException(missingPart), plenty).outcome())
                .isEqualTo("bad_output");
    }

    @Test
    void aBrokenConnectionIsRetried() {
        ModelCallException failure = classifier.classify(new UncheckedIOException(new IOException("reset")), plenty);

        assertThat(failure.failure()).isEqualTo(Failure.MODEL_UNAVAILABLE);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.detail()).contains("connection failed").doesNotContain("reset");
    }

    @Test
    void anAnswerTooLargeIsABadOutputThatIsNotRetried() {
        ModelCallException failure = classifier.classify(new UncheckedIOException(
                new AnswerTooLargeException("The provider's answer went past 1048576 bytes")), plenty);

        assertThat(failure.failure()).isEqualTo(Failure.MODEL_BAD_OUTPUT);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.detail()).contains("output budget").doesNotContain("1048576");
    }

    @Test
    void aTimeoutWrappedByTheProvidersClientIsStillAGatewayTimeout() {
        ModelCallException failure = classifier.classify(new RuntimeException(new TimeoutException("timed out")),
                plenty);

        assertThat(failure.failure()).isEqualTo(Failure.MODEL_TIMEOUT);
        assertThat(failure.detail()).contains("LLM_TIMEOUT");
    }

    @Test
    void aTimeoutOfTheProvidersClientIsAGatewayTimeout() {
        ModelCallException failure = classifier.classify(new TimeoutException("read timed out"), plenty);

        assertThat(failure.failure()).isEqualTo(Failure.MODEL_TIMEOUT);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.detail()).contains("120 s", "LLM_TIMEOUT");
    }

    @Test
    void anInterruptAtTheDeadlineIsATimeoutAndCountsAgainstTheProvider() {
        ModelCallException failure = classifier.classify(new IllegalStateException(new InterruptedException()),
                passed);

        assertThat(failure.failure()).isEqualTo(Failure.MODEL_TIMEOUT);
        assertThat(failure.outcome()).isEqualTo("timeout");
        assertThat(failure.circuitFailure()).isTrue();
    }

    @Test
    void anInterruptBecauseEveryClientLeftIsACancellationThatSaysNothingOfTheProvider() {
        ModelCallException failure = classifier.classify(new IllegalStateException(new InterruptedException()),
                plenty);

        assertThat(failure.outcome()).isEqualTo("cancelled");
        assertThat(failure.circuitFailure()).isFalse();
        assertThat(failure.retryable()).isFalse();
    }

    @Test
    void anythingElseIsAnUnexpectedFailureThatLeaksNothing() {
        ModelCallException failure = classifier.classify(new IllegalArgumentException("secret internals"), plenty);

        assertThat(failure.failure()).isEqualTo(Failure.MODEL_BAD_OUTPUT);
        assertThat(failure.outcome()).isEqualTo("error");
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.detail()).doesNotContain("secret", "IllegalArgument");
    }

    @Test
    void aFailureAlreadyClassifiedIsKeptAsItIs() {
        ModelCallException known = classifier.badOutput("empty", true);

        assertThat(classifier.classify(known, plenty)).isSameAs(known);
    }
}

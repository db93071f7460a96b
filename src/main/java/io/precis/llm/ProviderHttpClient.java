package io.precis.llm;

import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * The transport under LangChain4j's provider clients: the JDK HTTP client, speaking HTTP/1.1 (no h2c upgrade, which
 * some OpenAI-compatible servers mishandle), and raising {@link UpstreamHttpException} so that a provider's
 * Retry-After survives into the 503 the client sees. Streaming goes through LangChain4j's own JDK client.
 */
final class ProviderHttpClient implements HttpClient {

    private final java.net.http.HttpClient http;
    private final Duration readTimeout;
    private final JdkHttpClient streaming;

    private ProviderHttpClient(Builder builder) {
        this.http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .connectTimeout(builder.connectTimeout)
                .build();
        this.readTimeout = builder.readTimeout;
        this.streaming = JdkHttpClient.builder()
                .httpClientBuilder(java.net.http.HttpClient.newBuilder().version(
                        java.net.http.HttpClient.Version.HTTP_1_1))
                .connectTimeout(builder.connectTimeout)
                .readTimeout(builder.readTimeout)
                .build();
    }

    /** A builder whose connect timeout is fixed: LangChain4j's model builders would set it to the whole deadline. */
    static Builder builder(Duration connectTimeout) {
        return new Builder(connectTimeout);
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        java.net.http.HttpRequest.Builder jdk = java.net.http.HttpRequest.newBuilder(URI.create(request.url()))
                .method(request.method().name(), request.body() == null
                        ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(request.body()));
        request.headers().forEach((name, values) -> values.forEach(value -> jdk.header(name, value)));
        if (readTimeout != null) {
            jdk.timeout(readTimeout);
        }
        try {
            java.net.http.HttpResponse<String> response = http.send(jdk.build(), BodyHandlers.ofString());
            if (response.statusCode() < 200 || response.statusCode() >= 300) {
                throw new UpstreamHttpException(response.statusCode(), response.body(),
                        retryAfter(response.headers().firstValue("Retry-After")));
            }
            return SuccessfulHttpResponse.builder()
                    .statusCode(response.statusCode())
                    .headers(response.headers().map())
                    .body(response.body())
                    .build();
        } catch (HttpTimeoutException e) {
            throw new TimeoutException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the provider", e);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        streaming.execute(request, parser, listener);
    }

    /** Reads a Retry-After header given in seconds; the HTTP-date form is rare from APIs and is ignored. */
    static Duration retryAfter(Optional<String> header) {
        return header.map(String::strip).filter(v -> v.matches("\\d{1,6}(\\.\\d+)?"))
                .map(v -> Duration.ofMillis((long) Math.ceil(Double.parseDouble(v) * 1000)))
                .orElse(null);
    }

    /** Builds the transport; LangChain4j's model builders set its read timeout. */
    static final class Builder implements HttpClientBuilder {

        private final Duration connectTimeout;
        private Duration readTimeout;

        private Builder(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        @Override
        public Duration connectTimeout() {
            return connectTimeout;
        }

        /** Ignored: the connect timeout comes from LLM_CONNECT_TIMEOUT, not from the model builder's deadline. */
        @Override
        public Builder connectTimeout(Duration timeout) {
            return this;
        }

        @Override
        public Duration readTimeout() {
            return readTimeout;
        }

        @Override
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        @Override
        public HttpClient build() {
            return new ProviderHttpClient(this);
        }
    }
}

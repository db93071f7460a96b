package io.precis.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.precis.task.SummaryLength;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/**
 * The service's HTTP API as the evaluation uses it, from the outside: its readiness, and French summaries of articles
 * sent as text ({@code POST /api/v1/summaries}).
 */
final class ServiceClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where a packaged service answers health: its management interface. */
    private static final int MANAGEMENT_PORT = 9000;

    private final URI url;
    private final URI health;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /**
     * @param url    the API
     * @param health where health answers: the API's own address in dev mode, the management interface of a packaged
     *               service
     */
    ServiceClient(URI url, URI health) {
        this.url = url;
        this.health = health;
    }

    /** A service known by its API's address only: health is looked for there, then on the management port. */
    ServiceClient(URI url) {
        this(url, url);
    }

    URI url() {
        return url;
    }

    /**
     * What readiness says now.
     *
     * @throws IOException when the service does not answer, or not with a health report
     */
    Readiness readiness() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(health.resolve("/q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404 && health.equals(url)) {
            URI management = URI.create(url.getScheme() + "://" + url.getHost() + ":" + MANAGEMENT_PORT);
            response = http.send(HttpRequest.newBuilder(management.resolve("/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        return Readiness.of(JSON.readTree(response.body()));
    }

    /**
     * A French summary of an article, of the length asked for. Fails with {@link NoSummary} when the service answered
     * without one, or with the exception of a request that got no answer.
     */
    CompletableFuture<String> summarize(String article, SummaryLength length) {
        String body = JSON.createObjectNode().put("text", article).put("language", "fr").put("length", length.code())
                .toString();
        HttpRequest request = HttpRequest.newBuilder(url.resolve("/api/v1/summaries"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(ServiceClient::summary);
    }

    private static String summary(HttpResponse<String> response) {
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new NoSummary("http-" + response.statusCode());
        }
        if (response.statusCode() != 200) {
            String type = body.path("type").asText();
            throw new NoSummary(type.isEmpty() ? "http-" + response.statusCode()
                    : type.substring(type.lastIndexOf('/') + 1));
        }
        // The extractive stand-in for an unavailable model is not the provider's summary. The service started for
        // the run has the stand-in off; a service given with --url may not.
        if (body.path("degraded").asBoolean()) {
            throw new NoSummary("degraded");
        }
        return body.path("summary").path("text").asText();
    }

    /**
     * The service answered without a summary. The message is the reason the table counts it under: the problem
     * type's slug (the last segment of its {@code type}, such as {@code llm-unavailable}), {@code degraded}, or
     * {@code http-<status>} for an answer that is not a problem.
     */
    static final class NoSummary extends RuntimeException {

        NoSummary(String reason) {
            super(reason);
        }
    }
}

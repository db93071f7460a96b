package io.precis.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OpenAPI document, Swagger UI and health endpoints, on the default configuration. */
@QuarkusTest
class DocsAndHealthTest {

    @Test
    void servesSwaggerUi() {
        given().when().get("/q/swagger-ui/")
                .then().statusCode(200)
                .body(containsString("swagger-ui"));
    }

    @Test
    void everyOperationHasASummaryADescriptionAndExamples() throws Exception {
        JsonNode doc = openApi();
        List<String> missing = new ArrayList<>();
        doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            String name = operation.getKey().toUpperCase() + " " + path.getKey();
            JsonNode op = operation.getValue();
            if (op.path("summary").asText().isBlank() || op.path("description").asText().isBlank()) {
                missing.add(name + ": summary or description");
            }
            JsonNode bodies = op.path("requestBody").path("content");
            bodies.properties().forEach(content -> {
                if (content.getValue().path("examples").isEmpty() && !content.getValue().has("example")) {
                    missing.add(name + ": request example for " + content.getKey());
                }
            });
            // Swagger UI (5.x) leaves "string" in the body when the media type is switched from or to one with named
            // examples while another also has them (seen in Chromium: .ci/swagger-ui-check): one at most may.
            if (bodies.valueStream().filter(content -> content.has("examples")).count() > 1) {
                missing.add(name + ": named request examples on more than one media type");
            }
            JsonNode ok = op.path("responses").path("200").path("content");
            if (ok.isEmpty() || !ok.elements().next().has("examples")) {
                missing.add(name + ": 200 response example");
            }
        }));

        assertThat(missing).isEmpty();
        assertThat(doc.path("paths").has("/api/v1/digests")).isTrue();
        assertThat(doc.path("paths").has("/api/v1/digests/{articleHash}")).isTrue();
        assertThat(doc.path("paths").has("/api/v1/summaries")).isTrue();
        assertThat(doc.path("paths").has("/api/v1/translations")).isTrue();
        assertThat(doc.path("paths").has("/api/v1/languages")).isTrue();
    }

    /**
     * Swagger UI's Authorize needs the key schemes; clients need the 401 and 429 every API operation may answer, an
     * operationId per operation, and the article limit the service applies (ARTICLE_MAX_CHARS, 200 000 by default),
     * not the one an annotation once said (100 000).
     */
    @Test
    void documentsTheKeysTheirRefusalsOperationIdsAndTheConfiguredLimit() throws Exception {
        JsonNode doc = openApi();
        JsonNode schemes = doc.path("components").path("securitySchemes");
        assertThat(schemes.path("bearer").path("scheme").asText()).isEqualTo("bearer");
        assertThat(schemes.path("apiKey").path("in").asText()).isEqualTo("header");
        assertThat(schemes.path("apiKey").path("name").asText()).isEqualTo("X-API-Key");
        assertThat(doc.path("security")).hasSize(3);

        List<String> operationIds = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            String name = operation.getKey().toUpperCase() + " " + path.getKey();
            operationIds.add(operation.getValue().path("operationId").asText());
            JsonNode responses = operation.getValue().path("responses");
            if (path.getKey().startsWith("/api/") && (!responses.has("401") || !responses.has("429"))) {
                missing.add(name + ": 401 or 429");
            }
        }));
        assertThat(missing).isEmpty();
        assertThat(operationIds).doesNotContain("").doesNotHaveDuplicates().contains("postDigests",
                "getDigestsByArticleHash", "postTranslationsStream");

        for (String request : List.of("DigestRequest", "SummaryRequest", "TranslationRequest")) {
            assertThat(doc.path("components").path("schemas").path(request).path("properties").path("text")
                    .path("maxLength").asInt()).as(request).isEqualTo(200_000);
        }
    }

    @Test
    void everySchemaHasADescriptionAndAnExample() throws Exception {
        List<String> missing = new ArrayList<>();
        openApi().path("components").path("schemas").properties().forEach(schema -> {
            JsonNode node = schema.getValue();
            if (node.path("description").asText().isBlank()) {
                missing.add(schema.getKey() + ": description");
            }
            if (!node.has("example") && !node.has("examples")) {
                missing.add(schema.getKey() + ": example");
            }
        });

        assertThat(missing).isEmpty();
    }

    @Test
    void theFrenchSummaryExampleWorksAsItStands() throws Exception {
        JsonNode example = openApi().path("paths").path("/api/v1/digests").path("post").path("requestBody")
                .path("content").path("application/json").path("examples")
                .path("French summary only (any provider)").path("value");
        Map<?, ?> body = new ObjectMapper().convertValue(example, Map.class);

        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/digests")
                .then().statusCode(200)
                .body("summary.language", equalTo("fr"));
    }

    @Test
    void healthIsUpAndShowsTheProvider() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        // The language detector's models load off the start-up path; readiness waits for them.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(200));
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'language-detector' }.data.models", equalTo("loaded"))
                .body("checks.name", hasItem("llm"))
                .body("checks.find { it.name == 'llm' }.data.provider", equalTo("extractive"));
    }

    @Test
    void theDocumentSaysWhichProviderThisInstanceRuns() throws Exception {
        assertThat(openApi().path("info").path("description").asText())
                .contains("This instance runs LLM_PROVIDER=extractive.")
                .contains("summaries in the article's own language only");
    }

    @Test
    void everyParameterIsTypedAndNoPostOperationPrefillsQueryOptions() throws Exception {
        List<String> untyped = new ArrayList<>();
        List<String> prefilled = new ArrayList<>();
        openApi().path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            for (JsonNode parameter : op.getValue().path("parameters")) {
                String where = op.getKey() + " " + path.getKey() + " " + parameter.path("name").asText();
                if (!parameter.path("schema").has("type")) {
                    untyped.add(where);
                }
                // One operation holds the JSON and the text forms: Swagger UI would send a prefilled query option
                // with a JSON body too.
                if (op.getKey().equals("post") && parameter.path("in").asText().equals("query")
                        && (parameter.has("example") || parameter.path("schema").has("default"))) {
                    prefilled.add(where);
                }
            }
        }));

        assertThat(untyped).as("shown as type 'any' in Swagger UI").isEmpty();
        assertThat(prefilled).isEmpty();
    }

    @Test
    void theGetOperationsExamplesFindWhatThePostExampleStored() throws Exception {
        JsonNode get = openApi().path("paths").path("/api/v1/digests/{articleHash}").path("get");
        Map<String, Object> query = new java.util.HashMap<>();
        String hash = null;
        for (JsonNode parameter : get.path("parameters")) {
            if (parameter.has("example")) {
                if (parameter.path("in").asText().equals("path")) {
                    hash = parameter.path("example").asText();
                } else {
                    query.put(parameter.path("name").asText(), parameter.path("example").asText());
                }
            }
        }
        String stored = given().contentType(ContentType.JSON).body(ApiExamples.DIGEST_FR)
                .when().post("/api/v1/digests")
                .then().statusCode(200).extract().path("articleHash");

        assertThat(hash).isEqualTo(stored).isEqualTo(ApiExamples.ARTICLE_HASH);
        given().queryParams(query).when().get("/api/v1/digests/" + hash)
                .then().statusCode(200).body("articleHash", equalTo(hash)).body("summary.language", equalTo("fr"));
        String slug = openApi().path("paths").path("/problems/{slug}").path("get").path("parameters").get(0)
                .path("example").asText();
        given().when().get("/problems/" + slug).then().statusCode(200);
    }

    @Test
    void optionsInTheQueryStringOfAJsonRequestAreA400NamingThem() {
        given().contentType(ContentType.JSON).body(ApiExamples.DIGEST_FR).queryParam("translate", "false")
                .when().post("/api/v1/digests")
                .then().statusCode(400).body("errors[0].field", equalTo("translate"));
        given().contentType(ContentType.JSON).body(Map.of("text", "Le président est à Anchorage."))
                .queryParam("language", "fr")
                .when().post("/api/v1/summaries")
                .then().statusCode(400).body("errors[0].field", equalTo("language"));
        given().contentType(ContentType.JSON).body(Map.of("text", "Le président est à Anchorage."))
                .queryParam("targetLanguage", "en")
                .when().post("/api/v1/translations")
                .then().statusCode(400).body("errors[0].field", equalTo("targetLanguage"));
        // A name the operation does not take in its query string either is none of this check's business.
        given().contentType(ContentType.JSON).body(ApiExamples.DIGEST_FR).queryParam("language", "fr")
                .when().post("/api/v1/digests")
                .then().statusCode(200);
    }

    /** The document is completed at each request (not at start-up, to start sooner): always the same. */
    @Test
    void theDocumentIsTheSameAtEveryRequest() throws Exception {
        String first = given().when().get("/q/openapi").then().statusCode(200).extract().asString();
        String second = given().when().get("/q/openapi").then().statusCode(200).extract().asString();

        assertThat(second).isEqualTo(first);
        assertThat(first.split("This instance runs", -1)).hasSize(2);
        assertThat(openApi()).isEqualTo(openApi());
    }

    private static JsonNode openApi() throws Exception {
        String json = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString();
        return new ObjectMapper().readTree(json);
    }
}

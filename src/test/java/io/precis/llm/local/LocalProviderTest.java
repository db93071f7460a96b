package io.precis.llm.local;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import dev.langchain4j.model.chat.response.ChatResponse;
import io.precis.core.Failure;
import io.precis.core.ServiceException;
import io.precis.llm.LlmExecutor;
import io.precis.llm.LlmProvider;
import io.precis.task.Caller;
import io.precis.task.ModelIdentity;
import io.precis.testing.Articles;
import io.precis.testing.Corpus;
import io.precis.testing.TinyModel;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service with LLM_PROVIDER=local, pointed at a tiny model the test writes itself: it becomes ready once the
 * model is loaded, and requests reach the model through the same path as any provider. The model's output is noise,
 * so a request ends in a 200 or, when the noise fails the language check, a 502; never a 503.
 */
@QuarkusTest
@TestProfile(LocalProviderTest.TinyLocalModel.class)
class LocalProviderTest {

    /** The local provider on the tiny model, two answers written at once (LLM_LOCAL_SLOTS) and one waiting. */
    public static class TinyLocalModel implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("llm.provider", "local", "llm.local.model-path", TinyModel.file().toString(),
                    "llm.local.model-sha256", TinyModel.sha256(), "llm.local.context", String.valueOf(TinyModel.CONTEXT),
                    "llm.local.threads", String.valueOf(TinyModel.THREADS), "llm.local.slots", "2",
                    "llm.max-queue", "1", "llm.retry.max-retries", "0", "llm.slots-kept-for-others", "0");
        }
    }

    @Inject
    LocalModel local;

    @Inject
    LlmExecutor executor;

    @Inject
    LlmProvider provider;

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    @Inject
    io.precis.llm.LlmTelemetry telemetry;

    @BeforeEach
    void awaitTheModelAndAnIdleQueue() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> given().when().get("/q/health/ready")
                .then().extract().statusCode() == 200);
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> java.util.Optional.ofNullable(registry.find("precis.llm.pending").gauge())
                        .map(io.micrometer.core.instrument.Gauge::value).orElse(0.0) == 0);
    }

    @Test
    void writesAsTheModelFileItLoadedKnownByItsSha256() {
        assertThat(provider.author().model()).isEqualTo(new ModelIdentity("local", "tiny-model",
                "sha256:" + TinyModel.sha256()));
        assertThat(provider.author().settings().contextTokens()).isEqualTo(TinyModel.CONTEXT);
    }

    @Test
    void isReadyOnceTheModelIsLoaded() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'local-model' }.data.state", equalTo("ready"))
                .body("checks.find { it.name == 'local-model' }.data.model", equalTo("tiny-model"));
        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void aRequestReachesTheModel() {
        String before = given().when().get("/q/metrics").then().extract().asString();

        // The tiny model's vocabulary spells French mostly byte by byte: a short article fits its 2048 tokens.
        String lead = "Le président russe Vladimir Poutine et le président américain Donald Trump se sont retrouvés"
                + " ce vendredi à Anchorage, en Alaska, pour un nouvel échange bilatéral.";
        int status = given().contentType(ContentType.JSON)
                .body(Articles.digest(lead, "summaryLength", "short", "translate", false))
                .when().post("/api/v1/digests")
                .then().extract().statusCode();

        assertThat(status).isIn(200, 502);
        String after = given().when().get("/q/metrics").then().extract().asString();
        String calls = "precis_llm_calls_total{model=\"tiny-model\",outcome=\"success\",provider=\"local\"}";
        assertThat(value(after, calls)).isGreaterThan(value(before, calls));
        // How fast the model in the service writes, for operators sizing its pods.
        String firstTokens = "precis_llm_first_token_seconds_count{model=\"tiny-model\",provider=\"local\"}";
        assertThat(value(after, firstTokens)).isGreaterThan(value(before, firstTokens));
        assertThat(after).contains("precis_llm_generation_speed_tokens_per_second_count{model=\"tiny-model\","
                + "provider=\"local\"}");
    }

    @Test
    void aTranslationLongerThanTheContextReachesTheModelInChunksInsteadOfA413() {
        String before = given().when().get("/q/metrics").then().extract().asString();

        int status = given().contentType(ContentType.JSON)
                .body(Map.of("text", Corpus.text(Corpus.SEED_CLEAN), "targetLanguage", "en"))
                .when().post("/api/v1/translations")
                .then().extract().statusCode();

        assertThat(status).isIn(200, 502);
        String after = given().when().get("/q/metrics").then().extract().asString();
        String calls = "precis_llm_calls_total{model=\"tiny-model\",outcome=\"success\",provider=\"local\"}";
        assertThat(value(after, calls)).isGreaterThan(value(before, calls));
    }

    @Test
    void theModelWritesAsManyAnswersAsItHasSlotsQueuesTheNextAndRefusesAFullQueueAtOnce() {
        LlamaChatModel chat = new LlamaChatModel(local, telemetry);
        CompletableFuture<ChatResponse> first = executor.submit(Caller.key("local-a"),
                (d, stop) -> answer(chat, 20_000), null);
        CompletableFuture<ChatResponse> second = executor.submit(Caller.key("local-b"),
                (d, stop) -> answer(chat, 20_000), null);
        CompletableFuture<ChatResponse> waiting = executor.submit(Caller.key("local-c"),
                (d, stop) -> answer(chat, 8), null);

        CompletableFuture<ChatResponse> overflow = executor.submit(Caller.key("local-d"),
                (d, stop) -> answer(chat, 8), null);

        // Refused on the spot, without waiting for a slot: the future has failed by the time submit returns.
        assertThat(overflow).isCompletedExceptionally();
        assertThatThrownBy(overflow::join).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(ServiceException.class)
                .satisfies(e -> assertThat(((ServiceException) e).failure()).isEqualTo(Failure.OVERLOADED));

        // Both slots write at once (LLM_LOCAL_SLOTS=2): two calls under way in the model, one waiting for a slot.
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> gauge("precis.llm.bulkhead.active") == 2);
        assertThat(gauge("precis.llm.bulkhead.queue")).isEqualTo(1);
        assertThat(waiting).isNotDone();
        assertThat(first.join().tokenUsage().outputTokenCount()).isEqualTo(20_000);
        assertThat(second.join().tokenUsage().outputTokenCount()).isEqualTo(20_000);
        assertThat(waiting.join().tokenUsage().outputTokenCount()).isEqualTo(8);
    }

    /** An answer of this many tokens, which the model writes on a thread of its own, as the provider has it. */
    private static CompletableFuture<ChatResponse> answer(LlamaChatModel chat, int tokens) {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        Thread writer = new Thread(() -> chat.chat(LlamaChatModelTest.request(tokens),
                LlamaChatModelTest.completing(done)));
        writer.start();
        return done;
    }

    private double gauge(String name) {
        return java.util.Optional.ofNullable(registry.find(name).gauge())
                .map(io.micrometer.core.instrument.Gauge::value).orElse(-1.0);
    }

    /** A series' value: the number after its name (an exemplar, with its own numbers, may follow). */
    private static double value(String metrics, String series) {
        return metrics.lines().filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).split(" ")[0])).sum();
    }
}

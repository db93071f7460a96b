package io.precis.metering;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.precis.testing.RedisResource;
import io.precis.testing.RedisServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The request limit counted in Redis, through HTTP: the guard waits for Redis's answer without holding the event loop,
 * and a request over the limit is a 429.
 */
@QuarkusTest
@TestProfile(SharedLimitsOverHttpTest.TwoRequests.class)
@WithTestResource(RedisResource.class)
class SharedLimitsOverHttpTest {

    /** Two requests at once per client address. */
    public static class TwoRequests implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("llm.provider", "extractive", "rate-limit.per-minute", "1", "rate-limit.burst", "2");
        }
    }

    RedisServer redis;

    @Test
    void theRequestLimitIsCountedInRedis() {
        given().when().get("/api/v1/languages").then().statusCode(200);
        given().when().get("/api/v1/languages").then().statusCode(200);

        given().when().get("/api/v1/languages").then().statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
        assertThat(redis.keys("precis:limit:v1:requests:*")).singleElement().asString()
                .contains("{address:127.0.0.1}");
    }
}

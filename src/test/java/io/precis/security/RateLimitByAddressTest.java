package io.precis.security;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without API keys, the rate limit applies per client address. */
@QuarkusTest
@TestProfile(RateLimitByAddressTest.TightLimit.class)
class RateLimitByAddressTest {

    /** No keys; a burst of two. */
    public static class TightLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rate-limit.per-minute", "60", "rate-limit.burst", "2");
        }
    }

    @Test
    void limitsTheClientAddress() {
        given().when().get("/api/v1/languages").then().statusCode(200);
        given().when().get("/api/v1/languages").then().statusCode(200);

        given().when().get("/api/v1/languages").then().statusCode(429).header("Retry-After", "1");
        given().when().get("/q/health/live").then().statusCode(200);
    }
}

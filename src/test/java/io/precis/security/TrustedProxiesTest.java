package io.precis.security;

import static io.restassured.RestAssured.given;

import io.precis.metering.Limits;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code X-Forwarded-For} honoured from a trusted proxy only: the tests' own address is the trusted proxy here, and a
 * client address's limit of one request shows which address each request was counted as.
 */
@QuarkusTest
@TestProfile(TrustedProxiesTest.LoopbackIsTheProxy.class)
class TrustedProxiesTest {

    /** Forwarding on, the loopback address the only trusted proxy; one request per client address. */
    public static class LoopbackIsTheProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.1,::1",
                    "rate-limit.per-minute", "1", "rate-limit.burst", "1");
        }
    }

    @Inject
    Limits limits;

    @BeforeEach
    void reset() {
        limits.forgetAll();
    }

    @Test
    void aForwardedAddressFromATrustedProxyIsTheClientsAddress() {
        forwardedFor("203.0.113.1").statusCode(200);
        forwardedFor("203.0.113.2").statusCode(200);

        forwardedFor("203.0.113.1").statusCode(429);
    }

    static io.restassured.response.ValidatableResponse forwardedFor(String address) {
        return given().header("X-Forwarded-For", address).when().get("/api/v1/languages").then();
    }
}

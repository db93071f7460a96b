package io.precis.security;

import static io.precis.security.TrustedProxiesTest.forwardedFor;

import io.precis.metering.Limits;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The requests of {@link TrustedProxiesTest} from a peer that is not a trusted proxy: its forwarded addresses are
 * ignored.
 */
@QuarkusTest
@TestProfile(UntrustedProxyTest.AnotherProxy.class)
class UntrustedProxyTest {

    /** Forwarding on, with a trusted proxy that is not the tests' address. */
    public static class AnotherProxy extends TrustedProxiesTest.LoopbackIsTheProxy {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> settings = new HashMap<>(super.getConfigOverrides());
            settings.put("quarkus.http.proxy.trusted-proxies", "10.9.9.9");
            return settings;
        }
    }

    @Inject
    Limits limits;

    @BeforeEach
    void reset() {
        limits.forgetAll();
    }

    @Test
    void aForwardedAddressFromAnUntrustedPeerIsIgnored() {
        forwardedFor("203.0.113.1").statusCode(200);

        // Counted as the peer itself, whose one request is used.
        forwardedFor("203.0.113.2").statusCode(429);
    }
}

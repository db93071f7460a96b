package io.precis.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses to start when forwarded client addresses are honoured from anyone. Rate limits, key-guessing limits and
 * connection caps count clients by address; Quarkus honours {@code X-Forwarded-For} from every peer unless trusted
 * proxies are named, so a client could choose the address it is counted as, or use up another's allowance.
 */
@ApplicationScoped
public class ForwardedAddresses {

    private final boolean forwarding;
    private final Optional<List<String>> trustedProxies;

    public ForwardedAddresses(
            @ConfigProperty(name = "quarkus.http.proxy.proxy-address-forwarding", defaultValue = "false")
            boolean forwarding,
            @ConfigProperty(name = "quarkus.http.proxy.trusted-proxies") Optional<List<String>> trustedProxies) {
        this.forwarding = forwarding;
        this.trustedProxies = trustedProxies;
    }

    void check(@Observes StartupEvent start) {
        if (forwarding && trustedProxies.map(List::isEmpty).orElse(true)) {
            throw new IllegalStateException("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING is on but"
                    + " QUARKUS_HTTP_PROXY_TRUSTED_PROXIES names no proxy: any client could set the address it is"
                    + " counted as. Name the proxies that set X-Forwarded-For (addresses or CIDR ranges, such as the"
                    + " ingress controller's pod network), or turn forwarding off.");
        }
    }
}

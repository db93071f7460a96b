package io.precis.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.precis.core.ServiceException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which callbackUrls may be called, with a resolver that plays DNS: names on the allow-list that resolve to internal
 * addresses are refused unless those addresses are listed as IPs themselves.
 */
class CallbackPolicyTest {

    private static final Map<String, String> DNS = Map.of(
            "hooks.example.com", "93.184.216.34",
            "cms.newsroom.test", "203.0.113.10",
            "loop.newsroom.test", "127.0.0.5",
            "metadata.newsroom.test", "169.254.169.254",
            "rebound.newsroom.test", "10.0.0.5",
            "ula.newsroom.test", "fd00::1",
            "cgnat.newsroom.test", "100.64.1.1",
            "internal.newsroom.test", "10.9.1.1");

    private final CallbackPolicy policy = new CallbackPolicy(
            List.of("hooks.example.com", "*.newsroom.test", " 127.0.0.1", "10.9.0.0/16"), CallbackPolicyTest::resolve);

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String address = DNS.get(host);
        if (address == null) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.getByName(address)};
    }

    @Test
    void listedHostsThatResolveToPublicAddressesAreCalledAtTheAddressChecked() {
        CallbackPolicy.Target target = policy.check("https://hooks.example.com/precis?desk=world");

        assertThat(target.https()).isTrue();
        assertThat(target.port()).isEqualTo(443);
        assertThat(target.host()).isEqualTo("hooks.example.com");
        assertThat(target.uri()).isEqualTo("/precis?desk=world");
        assertThat(target.address().getHostAddress()).isEqualTo("93.184.216.34");
        assertThat(policy.check("http://cms.newsroom.test:8080").uri()).isEqualTo("/");
    }

    @Test
    void internalAddressesAreCalledOnlyWhenListedAsIps() {
        assertThat(policy.check("http://127.0.0.1:9000/hook").address().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(policy.check("http://internal.newsroom.test/hook").address().getHostAddress())
                .isEqualTo("10.9.1.1");

        assertRefused("http://loop.newsroom.test/hook", "loopback");
        assertRefused("http://metadata.newsroom.test/latest/meta-data/", "link-local");
        assertRefused("http://rebound.newsroom.test/hook", "private");
        assertRefused("http://ula.newsroom.test/hook", "private");
        assertRefused("http://cgnat.newsroom.test/hook", "private");
    }

    @Test
    void hostsNotListedAreRefusedWhateverTheyResolveTo() {
        assertRefused("http://169.254.169.254/latest/meta-data/", "not allowed");
        assertRefused("http://127.0.0.2/hook", "not allowed");
        assertRefused("http://[::1]/hook", "not allowed");
        assertRefused("http://[::ffff:169.254.169.254]/hook", "not allowed");
        assertRefused("http://2130706433/hook", "not allowed");
        assertRefused("http://example.com/hook", "not allowed");
        assertRefused("http://newsroom.test.evil.example/hook", "not allowed");
        assertRefused("http://unknown.newsroom.test/hook", "does not resolve");
    }

    @Test
    void onlyPlainHttpAndHttpsUrlsAreAccepted() {
        assertRefused("ftp://hooks.example.com/x", "http or https");
        assertRefused("/relative/hook", "http or https");
        assertRefused("http://user:secret@hooks.example.com/x", "credentials");
        assertRefused("http://hooks.example.com/a b", "not a URL");
    }

    @Test
    void withoutAnAllowListNoCallbackIsAccepted() {
        CallbackPolicy closed = new CallbackPolicy(List.of(), CallbackPolicyTest::resolve);

        assertThat(closed.enabled()).isFalse();
        assertThatThrownBy(() -> closed.check("https://hooks.example.com/x")).isInstanceOf(ServiceException.class)
                .hasMessageContaining("WEBHOOK_ALLOWED_HOSTS is not set");
    }

    @Test
    void anEntryThatIsNeitherAHostNorAnAddressStopsTheStart() {
        assertThatThrownBy(() -> new CallbackPolicy(List.of("https://hooks.example.com"), CallbackPolicyTest::resolve))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("WEBHOOK_ALLOWED_HOSTS");
        assertThatThrownBy(() -> new CallbackPolicy(List.of("10.0.0.0/40"), CallbackPolicyTest::resolve))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void assertRefused(String url, String why) {
        assertThatThrownBy(() -> policy.check(url)).as(url).isInstanceOf(ServiceException.class)
                .satisfies(e -> assertThat(((ServiceException) e).detail()).contains("callbackUrl").contains(why));
    }
}

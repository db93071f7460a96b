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

    private static final Map<String, String> DNS = Map.ofEntries(
            Map.entry("hooks.example.com", "93.184.216.34"),
            Map.entry("cms.newsroom.test", "203.0.113.10"),
            Map.entry("loop.newsroom.test", "127.0.0.5"),
            Map.entry("metadata.newsroom.test", "169.254.169.254"),
            Map.entry("rebound.newsroom.test", "10.0.0.5"),
            Map.entry("ula.newsroom.test", "fd00::1"),
            Map.entry("cgnat.newsroom.test", "100.64.1.1"),
            Map.entry("compatible.newsroom.test", "::a9fe:a9fe"),
            Map.entry("nat64.newsroom.test", "64:ff9b::a9fe:a9fe"),
            Map.entry("sixtofour.newsroom.test", "2002:7f00:1::1"),
            Map.entry("teredo.newsroom.test", "2001:0:4136:e378:8000:63bf:3fff:fdd2"),
            Map.entry("zero.newsroom.test", "0.1.2.3"),
            Map.entry("benchmark.newsroom.test", "198.18.0.5"),
            Map.entry("internal.newsroom.test", "10.9.1.1"));

    private final CallbackPolicy policy = new CallbackPolicy(
            List.of("hooks.example.com", "*.newsroom.test", " 127.0.0.1", "10.9.0.0/16"), CallbackPolicyTest::resolve);

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        if (host.equals("mapped.newsroom.test")) {
            // ::ffff:169.254.169.254 kept as an IPv6 address, as a resolver may return an AAAA record.
            byte[] bytes = new byte[16];
            bytes[10] = (byte) 0xff;
            bytes[11] = (byte) 0xff;
            bytes[12] = (byte) 169;
            bytes[13] = (byte) 254;
            bytes[14] = (byte) 169;
            bytes[15] = (byte) 254;
            return new InetAddress[] {java.net.Inet6Address.getByAddress(host, bytes, null)};
        }
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

        for (String host : List.of("loop", "metadata", "rebound", "ula", "cgnat", "mapped", "compatible", "nat64",
                "sixtofour", "teredo", "zero", "benchmark")) {
            assertRefused("http://" + host + ".newsroom.test/hook", CallbackPolicy.UNREACHABLE);
        }
    }

    @Test
    void anIpv6AddressIsJudgedByTheIpv4AddressItCarries() throws UnknownHostException {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = (byte) 169;
        mapped[13] = (byte) 254;
        mapped[14] = (byte) 169;
        mapped[15] = (byte) 254;
        // As a resolver may return it: an Inet6Address, which the JDK's own tests call neither link-local nor local.
        InetAddress address = java.net.Inet6Address.getByAddress("mapped", mapped, null);
        assertThat(address.isLinkLocalAddress()).isFalse();

        assertThat(CallbackPolicy.internal(address)).contains("a link-local (cloud metadata)");
        assertThat(CallbackPolicy.internal(InetAddress.getByName("2606:4700::1111"))).isEmpty();
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
        assertRefused("http://unknown.newsroom.test/hook", CallbackPolicy.UNREACHABLE);
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

package io.precis.job;

import io.precis.core.ServiceException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Which callbackUrls the service may call, so that a client cannot make it reach what only the service can reach
 * (its loopback, the cloud's metadata endpoint, the cluster's private network). A URL must be http or https, carry
 * no credentials, and name a host of the allow-list ({@code WEBHOOK_ALLOWED_HOSTS}): a name, a {@code *.suffix}, or
 * an IP or CIDR. Every address the host resolves to must be public, or be listed as an IP or CIDR itself: a name on
 * the list that resolves to a private address is refused, so that the list cannot be turned by DNS. The check runs
 * when the job is accepted and again before each delivery, on the address that is then connected to.
 */
final class CallbackPolicy {

    private static final Logger LOG = Logger.getLogger(CallbackPolicy.class);
    /** Why a listed host is refused, as the client is told: no more, so that it learns nothing of the network. */
    static final String UNREACHABLE = "names a host this service does not call back (WEBHOOK_ALLOWED_HOSTS)";

    private final List<String> names = new ArrayList<>();
    private final List<String> suffixes = new ArrayList<>();
    private final List<Cidr> networks = new ArrayList<>();
    private final Resolver resolver;

    /** Turns a host name into its addresses. */
    interface Resolver {

        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /**
     * A policy over an allow-list.
     *
     * @throws IllegalArgumentException for an entry that is neither a host name, a {@code *.suffix} nor an IP or CIDR
     */
    CallbackPolicy(List<String> allowed, Resolver resolver) {
        this.resolver = resolver;
        for (String raw : allowed) {
            String entry = raw.strip().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.startsWith("*.")) {
                suffixes.add(entry.substring(1));
            } else if (Cidr.looksLikeAddress(entry)) {
                networks.add(Cidr.parse(entry));
            } else if (entry.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
                names.add(entry);
            } else {
                throw new IllegalArgumentException("WEBHOOK_ALLOWED_HOSTS: '" + raw.strip() + "' is neither a host"
                        + " name, a *.suffix, nor an IP address or CIDR");
            }
        }
    }

    /** Whether any host is allowed at all. */
    boolean enabled() {
        return !names.isEmpty() || !suffixes.isEmpty() || !networks.isEmpty();
    }

    /**
     * The URL, checked, and the address to connect to.
     *
     * @throws ServiceException invalid field {@code callbackUrl}, saying why
     */
    Target check(String callbackUrl) {
        if (!enabled()) {
            throw refused("is not accepted: this service calls no webhooks (WEBHOOK_ALLOWED_HOSTS is not set)");
        }
        URI uri;
        try {
            uri = new URI(callbackUrl);
        } catch (URISyntaxException e) {
            throw refused("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getRawAuthority() == null) {
            throw refused("must be an absolute http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw refused("must not carry credentials; the delivery is signed (WEBHOOK_SECRET)");
        }
        if (uri.getHost() == null) {
            throw refused("has no host");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        boolean literal = Cidr.looksLikeAddress(bare);
        if (literal ? networks.stream().noneMatch(net -> net.contains(Cidr.address(bare)))
                : !names.contains(bare) && suffixes.stream().noneMatch(bare::endsWith)) {
            throw refused("names a host that is not allowed (WEBHOOK_ALLOWED_HOSTS)");
        }
        InetAddress[] addresses;
        try {
            addresses = literal ? new InetAddress[] {Cidr.address(bare)} : resolver.resolve(bare);
        } catch (UnknownHostException e) {
            LOG.infof("callbackUrl refused: %s does not resolve", bare);
            throw refused(UNREACHABLE);
        }
        for (InetAddress address : addresses) {
            Optional<String> why = internal(address);
            if (why.isPresent() && networks.stream().noneMatch(net -> net.contains(address))) {
                // The operator learns why; the client only that it may not, so that names under an allowed suffix
                // cannot be used to map the network behind the service.
                LOG.infof("callbackUrl refused: %s resolves to %s address (%s), which only an IP or CIDR listed in"
                        + " WEBHOOK_ALLOWED_HOSTS may be", bare, why.get(), address.getHostAddress());
                throw refused(UNREACHABLE);
            }
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return new Target(scheme.equals("https"), bare, port,
                uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery(), addresses[0]);
    }

    /**
     * What kind of address only the service's own network reaches (or that no delivery should go to), if it is one.
     * An IPv6 address that carries an IPv4 one (mapped, compatible, NAT64, 6to4) is judged by the IPv4 address it
     * reaches: a resolver may hand {@code ::ffff:169.254.169.254} over as an IPv6 address, which the JDK's own tests
     * call public.
     */
    static Optional<String> internal(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 16) {
            Optional<InetAddress> carried = carriedIpv4(bytes);
            if (carried.isPresent()) {
                return internal(carried.get());
            }
            if ((bytes[0] & 0xff) == 0x20 && bytes[1] == 0x01 && bytes[2] == 0 && bytes[3] == 0) {
                return Optional.of("a tunnelled (Teredo)");
            }
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("a loopback");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("a link-local (cloud metadata)");
        }
        if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return Optional.of("a wildcard or multicast");
        }
        boolean uniqueLocal = bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
        if (address.isSiteLocalAddress() || uniqueLocal || bytes.length == 4 && reservedIpv4(bytes)) {
            return Optional.of("a private or reserved");
        }
        return Optional.empty();
    }

    /** 0.0.0.0/8, 100.64.0.0/10 (carrier NAT), 192.0.0.0/24, 198.18.0.0/15 (benchmarking), 240.0.0.0/4. */
    private static boolean reservedIpv4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 || first == 100 && (second & 0xc0) == 64 || first == 192 && second == 0 && b[2] == 0
                || first == 198 && (second & 0xfe) == 18 || first >= 240;
    }

    /** The IPv4 address an IPv6 address carries: ::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::a.b.c.d or 2002:aabb:ccdd::. */
    private static Optional<InetAddress> carriedIpv4(byte[] b) {
        boolean zeroTen = true;
        for (int i = 0; i < 10; i++) {
            zeroTen &= b[i] == 0;
        }
        boolean mapped = zeroTen && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeroTen && b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0);
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        if (mapped || compatible || nat64) {
            return Optional.of(ipv4(b[12], b[13], b[14], b[15]));
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return Optional.of(ipv4(b[2], b[3], b[4], b[5]));
        }
        return Optional.empty();
    }

    private static InetAddress ipv4(byte... parts) {
        try {
            return InetAddress.getByAddress(parts);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ServiceException refused(String why) {
        return ServiceException.invalidField("callbackUrl", why);
    }

    /**
     * Where to deliver.
     *
     * @param https   whether over TLS
     * @param host    the host as the URL names it, for the Host header and TLS
     * @param port    the port
     * @param uri     the path and query
     * @param address the checked address to connect to
     */
    record Target(boolean https, String host, int port, String uri, InetAddress address) {
    }

    /** An IP network. */
    private record Cidr(byte[] network, int prefix) {

        private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";

        /** An IPv4 address in its usual four-part form, or any IPv6 form, with or without a prefix length. */
        static boolean looksLikeAddress(String entry) {
            return entry.matches(OCTET + "(\\." + OCTET + "){3}(/\\d{1,2})?") || entry.contains(":");
        }

        static Cidr parse(String entry) {
            String[] parts = entry.split("/", 2);
            byte[] network = address(parts[0]).getAddress();
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
            if (prefix > network.length * 8) {
                throw new IllegalArgumentException("WEBHOOK_ALLOWED_HOSTS: '" + entry + "' has a prefix longer than"
                        + " its address");
            }
            return new Cidr(network, prefix);
        }

        /** An IP literal as an address, never looked up. */
        static InetAddress address(String literal) {
            if (!looksLikeAddress(literal)) {
                throw new IllegalArgumentException("not an IP address: " + literal);
            }
            try {
                // An IP literal is parsed, not resolved: getByName looks up only names.
                return InetAddress.getByName(literal);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("WEBHOOK_ALLOWED_HOSTS: '" + literal + "' is not an IP address",
                        e);
            }
        }

        boolean contains(InetAddress candidate) {
            byte[] bytes = candidate.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}

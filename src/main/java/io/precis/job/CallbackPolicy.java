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

/**
 * Which callbackUrls the service may call, so that a client cannot make it reach what only the service can reach
 * (its loopback, the cloud's metadata endpoint, the cluster's private network). A URL must be http or https, carry
 * no credentials, and name a host of the allow-list ({@code WEBHOOK_ALLOWED_HOSTS}): a name, a {@code *.suffix}, or
 * an IP or CIDR. Every address the host resolves to must be public, or be listed as an IP or CIDR itself: a name on
 * the list that resolves to a private address is refused, so that the list cannot be turned by DNS. The check runs
 * when the job is accepted and again before each delivery, on the address that is then connected to.
 */
final class CallbackPolicy {

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
            throw refused("names a host that does not resolve");
        }
        for (InetAddress address : addresses) {
            Optional<String> why = internal(address);
            if (why.isPresent() && networks.stream().noneMatch(net -> net.contains(address))) {
                throw refused("resolves to " + why.get() + " address, which only an IP or CIDR listed in"
                        + " WEBHOOK_ALLOWED_HOSTS may be");
            }
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return new Target(scheme.equals("https"), bare, port,
                uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery(), addresses[0]);
    }

    /** What kind of address only the service's own network reaches, if it is one. */
    private static Optional<String> internal(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return Optional.of("a loopback");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("a link-local (cloud metadata)");
        }
        if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return Optional.of("a wildcard or multicast");
        }
        byte[] bytes = address.getAddress();
        boolean uniqueLocal = address instanceof Inet6Address && (bytes[0] & 0xfe) == 0xfc;
        boolean sharedCgnat = bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
        if (address.isSiteLocalAddress() || uniqueLocal || sharedCgnat) {
            return Optional.of("a private");
        }
        return Optional.empty();
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

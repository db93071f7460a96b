package io.precis.security;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/**
 * The network a client address stands for when counting what it does: an IPv4 address itself, but an IPv6 address's
 * /64, since one host is commonly given a whole /64 and could take a new address for every request.
 */
final class ClientAddresses {

    private ClientAddresses() {
    }

    /** {@code 203.0.113.7} for itself; {@code 2001:db8:1:2::5} as {@code 2001:0db8:0001:0002::/64}. */
    static String network(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return address;
        }
        try {
            // A literal: parsed, never looked up.
            InetAddress parsed = InetAddress.getByName(address.startsWith("[") ? address.substring(1,
                    address.length() - 1) : address);
            if (!(parsed instanceof Inet6Address)) {
                return parsed.getHostAddress();
            }
            byte[] bytes = parsed.getAddress();
            String hex = HexFormat.of().formatHex(bytes, 0, 8);
            return hex.substring(0, 4) + ":" + hex.substring(4, 8) + ":" + hex.substring(8, 12) + ":"
                    + hex.substring(12, 16) + "::/64";
        } catch (UnknownHostException e) {
            return address;
        }
    }
}

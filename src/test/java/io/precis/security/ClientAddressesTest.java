package io.precis.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Wrong keys are counted per IPv4 address, and per /64 for IPv6, where one host may hold a whole /64. */
class ClientAddressesTest {

    @Test
    void anIpv4AddressIsItsOwnNetwork() {
        assertThat(ClientAddresses.network("203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void ipv6AddressesOfOneSlash64ShareOneNetwork() {
        String one = ClientAddresses.network("2001:db8:1:2::5");
        String other = ClientAddresses.network("2001:db8:1:2:abcd:ef01:2345:6789");
        String elsewhere = ClientAddresses.network("2001:db8:1:3::5");

        assertThat(one).isEqualTo(other).isEqualTo("2001:0db8:0001:0002::/64");
        assertThat(elsewhere).isNotEqualTo(one);
        assertThat(ClientAddresses.network("[2001:db8:1:2::7]")).isEqualTo(one);
    }
}

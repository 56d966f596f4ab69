package org.shadowrec.correlator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Address literals from SDP and Via: parsed, never resolved. */
class EndpointTest {

    @Test
    void ipv4_and_ipv6_literals() {
        assertEquals("10.0.0.1:4000", Endpoint.parse("10.0.0.1", 4000).toString());
        assertEquals("255.255.255.255:1", Endpoint.parse("255.255.255.255", 1).toString());
        assertEquals("0.0.0.0:9", Endpoint.parse(" 0.0.0.0 ", 9).toString());
        assertEquals("[2001:db8::1]:5060", Endpoint.parse("[2001:db8::1]", 5060).toString());
        Endpoint mapped = Endpoint.parse("::ffff:10.0.0.1", 4000);
        assertTrue(mapped.isIpv4());
        assertEquals(Endpoint.parse("10.0.0.1", 4000), mapped);
    }

    /** Each of these would reach a DNS lookup through InetAddress.getByName if it were passed on. */
    @ParameterizedTest
    @ValueSource(strings = {"dead.beef", "1.2.3.4.5", "1.2.3", "256.1.1.1", "10.0.0.1.", ".10.0.0.1", "10..0.1",
        "1234.1.1.1", "pbx.example.com", "a", "", "fe80::1%eth0", "10.0.0.x"})
    void anything_else_is_null_and_never_resolved(String text) {
        long t0 = System.nanoTime();
        assertNull(Endpoint.parse(text, 4000));
        assertTrue(System.nanoTime() - t0 < 500_000_000L, "no lookup");
    }

    @Test
    void ports_out_of_range_are_null() {
        assertNull(Endpoint.parse("10.0.0.1", 65536));
        assertNull(Endpoint.parse("10.0.0.1", -1));
        assertEquals(65535, Endpoint.parse("10.0.0.1", 65535).port());
    }
}

package org.shadowrec.correlator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shadowrec.correlator.api.RecordingMetadata.Party;
import org.shadowrec.sip.api.NameAddr;

/** Party facts from From/To values (RFC 3261 §19.1.1 URI parts). */
class PartiesTest {

    @Test
    void aor_drops_port_and_parameters_number_is_the_user_part() {
        NameAddr a = new NameAddr("Alice", "sip:1001;phone-context=x@10.0.0.1:5061;transport=tcp", "1001;phone-context=x",
                "10.0.0.1:5061", Map.of("transport", "tcp"), "t1");
        assertEquals(new Party("Alice", "sip:1001@10.0.0.1", "1001", "Phone/1"), Parties.of(a, "Phone/1"));
    }

    @Test
    void sips_and_ipv6_hosts() {
        NameAddr a = new NameAddr(null, "sips:bob@[2001:db8::1]:5061", "bob", "[2001:db8::1]:5061", Map.of(), null);
        assertEquals(new Party(null, "sips:bob@[2001:db8::1]", "bob", null), Parties.of(a, " "));
    }

    @Test
    void missing_header_gives_only_the_device() {
        assertEquals(new Party(null, null, null, "X"), Parties.of(null, "X"));
    }
}

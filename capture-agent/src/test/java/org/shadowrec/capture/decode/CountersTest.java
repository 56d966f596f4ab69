package org.shadowrec.capture.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CountersTest {
    @Test
    void keys_are_stable_kebab_case_and_all_present_from_the_start() {
        Map<String, Long> c = new FrameDecoder(DecodeLimits.defaults()).counters();
        for (Map.Entry<String, Long> e : c.entrySet()) {
            assertTrue(e.getKey().matches("[a-z0-9]+(-[a-z0-9]+)*"), e.getKey());
            assertEquals(0L, e.getValue(), e.getKey());
        }
        for (String k : List.of("frames", "udp", "tcp", "icmp-error", "unsupported-linktype", "truncated-ip",
                "bad-ip-header", "non-ip", "encrypted", "ip-fragment-timeout", "fragments-overflow",
                "tcp-out-of-window", "tcp-gap", "decoder-bug")) {
            assertTrue(c.containsKey(k), k);
        }
    }

    @Test
    void a_range_outside_the_buffer_is_counted_not_thrown() {
        FrameDecoder d = new FrameDecoder(DecodeLimits.defaults());
        RecordingSink sink = new RecordingSink();
        d.decode(1, LinkType.RAW, new byte[10], 5, 6, sink);
        d.decode(1, LinkType.RAW, new byte[10], -1, 2, sink);
        d.decode(1, LinkType.RAW, null, 0, 0, sink);
        assertEquals(3L, Outcomes.count(d, "truncated-link"));
        Outcomes.assertBalanced(d);
    }

    @Test
    void limits_reject_impossible_values() {
        DecodeLimits ok = DecodeLimits.defaults();
        assertEquals(30_000_000_000L, ok.fragmentTimeoutNanos());
        assertEquals(300_000_000_000L, ok.tcpIdleTimeoutNanos());
        assertThrows(IllegalArgumentException.class, () -> new DecodeLimits(0,
                65535, 1 << 20, 1, 1, 1, 1, 1, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new DecodeLimits(1,
                65536, 1 << 20, 1, 1, 1, 1, 1, 1, 1, 1));
    }
}

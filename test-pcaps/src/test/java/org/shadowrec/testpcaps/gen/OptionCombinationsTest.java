package org.shadowrec.testpcaps.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.shadowrec.testpcaps.cli.GenerateMain;

/** Option combinations no committed capture holds: still valid frames, the right counts, and tshark agrees. */
class OptionCombinationsTest {

    static Stream<Arguments> combinations() {
        CaptureOptions.Builder b = CaptureOptions.builder().seconds(1.5).seed(9);
        return Stream.of(
                Arguments.of("fragments in order", b.fragmentInvite(Fragmentation.IN_ORDER).build()),
                Arguments.of("TCP over IPv6 in QinQ", CaptureOptions.builder().seconds(1.5).seed(10)
                        .sipTransport(SipTransport.TCP).ipv6(true).vlans(300, 7).build()),
                Arguments.of("pcapng µs big endian, A-law", CaptureOptions.builder().seconds(1.5).seed(11)
                        .codec(Codec.PCMA).format(new CaptureFormat(true, false, ByteOrder.BIG_ENDIAN)).build()),
                Arguments.of("pcap ns little endian, DTMF over TCP", CaptureOptions.builder().seconds(4).seed(12)
                        .dtmfDigits("*0").sipTransport(SipTransport.TCP)
                        .format(new CaptureFormat(false, true, ByteOrder.LITTLE_ENDIAN)).build()),
                Arguments.of("three IPv6 calls, impaired", CaptureOptions.builder().seconds(2).seed(13).calls(3)
                        .ipv6(true).callerImpairments(new Impairments(Set.of(10), Set.of(20), Set.of(30)))
                        .build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combinations")
    void generatesValidFrames(String label, CaptureOptions o, @TempDir Path tmp) throws Exception {
        Path file = tmp.resolve(o.format().fileName());
        GenerationResult r = CaptureGenerator.write(o, file);
        CaptureFile read = CaptureFile.read(file);
        assertEquals(o.format().label(), read.format);
        assertEquals(CaptureGenerator.expectedPackets(o), r.packets());
        assertEquals(r.packets(), read.records.size());
        CaptureContent c = CaptureContent.of(read);
        assertEquals(0, c.checksumFailures, "checksum failures");
        assertEquals(7 * o.calls(), c.sip.size(), "SIP messages");
        assertEquals(2 * o.calls(), c.rtp.size(), "RTP streams");
        for (CallFacts call : r.calls()) {
            for (CallFacts.Channel ch : call.channels()) {
                List<CaptureContent.Rtp> packets = c.rtp.get(ch.stream().ssrc());
                long distinct = packets.stream().mapToInt(CaptureContent.Rtp::seq).distinct().count();
                assertEquals(ch.stream().packets(), distinct, "packets of " + ch.stream().src());
                assertEquals(ch.stream().duplicates(), packets.size() - distinct);
            }
        }

        String expert = GenerateMain.tshark(file, "expert,warn");
        if (expert != null) {
            assertTrue(!expert.contains("Errors (") && !expert.contains("Warns ("), expert);
            String sip = GenerateMain.tshark(file, "sip,stat");
            assertTrue(sip.contains("Number of SIP messages: " + 7 * o.calls()), sip);
            long streams = GenerateMain.tshark(file, "rtp,streams").lines().filter(l -> l.contains(" 0x")).count();
            assertEquals(2 * o.calls(), streams, "tshark's RTP streams");
        }
    }

    @Test
    void rejectsWhatItCannotBuild() {
        assertThrows(IllegalArgumentException.class, () -> CaptureOptions.builder().ipv6(true)
                .fragmentInvite(Fragmentation.OUT_OF_ORDER).build());
        assertThrows(IllegalArgumentException.class, () -> CaptureOptions.builder().vlans(1, 2, 3).build());
        assertThrows(IllegalArgumentException.class, () -> CaptureOptions.builder().dtmfDigits("1x").build());
        assertThrows(IllegalArgumentException.class, () -> new Impairments(Set.of(), Set.of(), Set.of(4, 5)));
        assertThrows(IllegalArgumentException.class, () -> CaptureGenerator.write(
                CaptureOptions.builder().seconds(1).dtmfDigits("123").build(), new java.io.ByteArrayOutputStream()),
                "not enough media for the digits");
        assertThrows(IllegalArgumentException.class, () -> CaptureGenerator.write(CaptureOptions.builder()
                .seconds(1).callerImpairments(new Impairments(Set.of(49), Set.of(), Set.of())).build(),
                new java.io.ByteArrayOutputStream()), "drop outside the stream");
    }
}

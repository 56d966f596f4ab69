package org.shadowrec.capture.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Cisco BiB pair recorded by recorder 10.1.0.50 whose process is killed mid-media, written as a classic pcap
 * (Ethernet/IPv4/UDP, µs) and replayed through the real pipeline: the phone keeps streaming, the recorder's host
 * answers with ICMP port unreachable rate-limited like Linux (a burst of 6 in 100 ms, then one a second), CUCM's
 * BYEs are retransmitted unanswered. The recording goes to the last RTP packet and {@code primaryRecorder} says the
 * recorder failed at the first ICMP; the same call without the kill, and with only a burst, is healthy.
 */
class RecorderKillTest {
    private static final long T0 = 1_796_180_400L;          // 2026-12-02T03:00:00Z
    private static final String CUCM = "10.1.0.10";
    private static final String REC = "10.1.0.50";
    private static final String PHONE = "10.1.0.20";

    @TempDir
    Path tmp;

    private record Frame(double t, byte[] bytes) {}

    private final List<Frame> frames = new ArrayList<>();

    // ------------------------------------------------------------------ packets

    private static byte[] ip(String s) {
        String[] p = s.split("\\.");
        return new byte[] {(byte) Integer.parseInt(p[0]), (byte) Integer.parseInt(p[1]),
            (byte) Integer.parseInt(p[2]), (byte) Integer.parseInt(p[3])};
    }

    private static byte[] ipv4(int proto, String src, String dst, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + payload.length)).putShort((short) 1)
                .putShort((short) 0).put((byte) 64).put((byte) proto).putShort((short) 0).put(ip(src)).put(ip(dst))
                .put(payload);
        return b.array();
    }

    private static byte[] udp(int sport, int dport, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
        b.putShort((short) sport).putShort((short) dport).putShort((short) (8 + payload.length)).putShort((short) 0)
                .put(payload);
        return b.array();
    }

    private static byte[] eth(byte[] ipPacket) {
        ByteBuffer b = ByteBuffer.allocate(14 + ipPacket.length);
        b.put(new byte[] {2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2}).putShort((short) 0x0800).put(ipPacket);
        return b.array();
    }

    private void udpFrame(double t, String src, int sport, String dst, int dport, byte[] payload) {
        frames.add(new Frame(t, eth(ipv4(17, src, dst, udp(sport, dport, payload)))));
    }

    private void sip(double t, boolean fromCucm, String text) {
        byte[] b = text.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII);
        if (fromCucm) {
            udpFrame(t, CUCM, 5060, REC, 5060, b);
        } else {
            udpFrame(t, REC, 5060, CUCM, 5060, b);
        }
    }

    /** ICMP port unreachable from the recorder's host quoting RTP from the phone's port to the recorder's port. */
    private void icmp(double t, int phonePort, int recPort) {
        byte[] quoted = ipv4(17, PHONE, REC, udp(phonePort, recPort, new byte[172]));
        ByteBuffer b = ByteBuffer.allocate(8 + 28);
        b.put((byte) 3).put((byte) 3).putShort((short) 0).putInt(0).put(quoted, 0, 28);
        frames.add(new Frame(t, eth(ipv4(1, REC, PHONE, b.array()))));
    }

    private static byte[] rtp(int seq, long ssrc) {
        ByteBuffer b = ByteBuffer.allocate(12 + 160);
        b.put((byte) 0x80).put((byte) 0).putShort((short) seq).putInt(seq * 160).putInt((int) ssrc);
        for (int i = 0; i < 160; i++) {
            b.put((byte) (i % 16 < 8 ? 0x20 : 0xA0));           // a 1 kHz square-ish tone in µ-law
        }
        return b.array();
    }

    // ------------------------------------------------------------------ the call

    private static String from(String leg) {
        return "<sip:1001@" + CUCM + ";x-" + leg + ";x-refci=901;x-nearendclusterid=CL1;x-nearenddevice=SEPAAAA"
                + ";x-nearendaddr=1001;x-farendrefci=902;x-farendclusterid=CL1;x-farenddevice=SEPBBBB"
                + ";x-farendaddr=2002>;tag=cucm-" + leg;
    }

    private static String head(String firstLine, String leg, String via, String toTag, String cseq) {
        return firstLine + "\nVia: SIP/2.0/UDP " + CUCM + ":5060;branch=z9hG4bK-" + via + "-" + leg
                + "\nFrom: " + from(leg) + "\nTo: <sip:rec@" + REC + ">" + toTag
                + "\nCall-ID: " + leg + "-kill@" + CUCM + "\nCSeq: " + cseq + "\n";
    }

    private static String sdp(String addr, int port, String dir) {
        return "v=0\no=x 1 1 IN IP4 " + addr + "\ns=-\nc=IN IP4 " + addr + "\nt=0 0\nm=audio " + port
                + " RTP/AVP 0\na=rtpmap:0 PCMU/8000\na=" + dir + "\n";
    }

    private static String withBody(String head, String body) {
        return head + "Content-Type: application/sdp\nContent-Length: " + body.replace("\n", "\r\n").length()
                + "\n\n" + body;
    }

    /**
     * Both legs set up at 0 s, media from 0.2 s to 8.2 s (50 packets/s each), CUCM's BYEs at 8.3 s answered when
     * {@code answered}, else retransmitted at 8.8 and 9.8 s.
     */
    private void call(boolean answered) {
        String[] legs = {"nearend", "farend"};
        for (int i = 0; i < 2; i++) {
            String leg = legs[i];
            double o = i * 0.01;
            String tag = ";tag=rec-" + leg;
            sip(o, true, head("INVITE sip:rec@" + REC + ":5060 SIP/2.0", leg, "inv", "", "101 INVITE")
                    + "Max-Forwards: 70\nContact: <sip:1001@" + CUCM + ":5060>\nContent-Length: 0\n\n");
            sip(o + 0.05, false, withBody(head("SIP/2.0 200 OK", leg, "inv", tag, "101 INVITE")
                    + "Contact: <sip:rec@" + REC + ":5060>\n", sdp(REC, 20000 + 2 * i, "recvonly")));
            sip(o + 0.06, true, withBody(head("ACK sip:rec@" + REC + ":5060 SIP/2.0", leg, "ack", tag, "101 ACK"),
                    sdp(PHONE, 24580 + 2 * i, "sendonly")));
            for (int k = 0; k < 400; k++) {
                udpFrame(0.2 + o + k * 0.02, PHONE, 24580 + 2 * i, REC, 20000 + 2 * i, rtp(k, 0x900 + i));
            }
            String bye = head("BYE sip:rec@" + REC + ":5060 SIP/2.0", leg, "bye", tag, "102 BYE")
                    + "Max-Forwards: 70\nContent-Length: 0\n\n";
            sip(8.3 + o, true, bye);
            if (answered) {
                sip(8.31 + o, false, head("SIP/2.0 200 OK", leg, "bye", tag, "102 BYE") + "Content-Length: 0\n\n");
            } else {
                sip(8.8 + o, true, bye);
                sip(9.8 + o, true, bye);
            }
        }
        udpFrame(12.0, "10.9.9.9", 7, "10.9.9.8", 7, new byte[] {1});        // capture time goes on
    }

    private Path write() throws Exception {
        frames.sort(Comparator.comparingDouble(Frame::t));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        out.write(h.array());
        for (Frame f : frames) {
            long us = Math.round(f.t() * 1e6);
            ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            r.putInt((int) (T0 + us / 1_000_000)).putInt((int) (us % 1_000_000)).putInt(f.bytes().length)
                    .putInt(f.bytes().length);
            out.write(r.array());
            out.write(f.bytes());
        }
        return Files.write(tmp.resolve("capture.pcap"), out.toByteArray());
    }

    private JsonNode replay() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        RunResult result = Replays.replay(out, tmp, write());
        assertEquals(List.of(), result.problems());
        List<Path> recordings = Replays.recordings(out);
        assertEquals(1, recordings.size());
        return Replays.json(recordings.get(0));
    }

    private static List<String> evidence(JsonNode doc) {
        List<String> l = new ArrayList<>();
        doc.path("primaryRecorder").path("evidence").forEach(e -> l.add(e.asText()));
        return l;
    }

    @Test
    void a_recorder_killed_mid_media_fails_at_its_first_icmp_and_the_recording_goes_to_the_last_packet()
            throws Exception {
        call(false);
        for (int k = 0; k < 6; k++) {                          // killed at 3.0 s
            icmp(3.0 + 0.02 * k, 24580 + 2 * (k % 2), 20000 + 2 * (k % 2));
        }
        for (int s = 4; s <= 8; s++) {
            icmp(s, 24580, 20000);
        }
        JsonNode doc = replay();

        assertEquals("bib", doc.path("kind").asText());
        assertEquals(REC + ":5060", doc.path("primaryRecorder").path("address").asText());
        assertTrue(doc.path("primaryRecorder").path("failed").asBoolean());
        assertEquals("2026-12-02T03:00:03.000Z", doc.path("primaryRecorder").path("failedAt").asText());
        assertEquals(List.of("icmp-port-unreachable", "unanswered-retransmissions"), evidence(doc));
        assertEquals("bye-unanswered", doc.path("endReason").asText());
        assertEquals(8.01, doc.path("durationSeconds").asDouble(), 0.021, "to the last RTP packet");
        assertEquals(11, doc.path("recorders").get(0).path("icmpUnreachable").asInt());
    }

    @Test
    void the_same_call_without_the_kill_is_healthy() throws Exception {
        call(true);
        JsonNode doc = replay();
        assertEquals(false, doc.path("primaryRecorder").path("failed").asBoolean());
        assertEquals(List.of(), evidence(doc));
        assertEquals("bye", doc.path("endReason").asText());
    }

    @Test
    void a_burst_of_icmp_at_a_closed_port_alone_is_not_a_failure() throws Exception {
        call(true);
        for (int k = 0; k < 6; k++) {
            icmp(4.0 + 0.02 * k, 24580, 20000);
        }
        JsonNode doc = replay();
        assertEquals(false, doc.path("primaryRecorder").path("failed").asBoolean());
        assertEquals(6, doc.path("recorders").get(0).path("icmpUnreachable").asInt());
    }
}

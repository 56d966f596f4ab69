package org.shadowrec.testpcaps.gen;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a test wants to know about a capture, decoded independently of the generator (tests only): checksum
 * failures, reassembled SIP messages in order, and RTP packets grouped by SSRC.
 */
final class CaptureContent {
    record Rtp(long nanos, String src, String dst, boolean marker, int pt, int seq, long ts, long ssrc,
               byte[] payload) {
    }

    /** A SIP message with its start line, headers (lower-case names) and body. */
    record Sip(long nanos, String startLine, Map<String, String> headers, String body, int declaredLength, int size) {
    }

    /**
     * An ICMP (IPv4) error and the UDP datagram it quotes (RFC 792: the original IP header + at least 8 bytes).
     *
     * @param quotedDst destination "ip:port" of the quoted datagram
     */
    record Icmp(long nanos, String src, int type, int code, String quotedDst) {
    }

    final List<Icmp> icmp = new ArrayList<>();
    int checksumFailures;
    int fragments;
    int tcpSegments;
    final List<int[]> vlans = new ArrayList<>();
    final List<Sip> sip = new ArrayList<>();
    final Map<Long, List<Rtp>> rtp = new LinkedHashMap<>();

    static CaptureContent of(CaptureFile file) {
        CaptureContent c = new CaptureContent();
        Map<String, List<Decoded>> pendingFragments = new HashMap<>();
        Map<String, TreeMap<Long, byte[]>> tcpStreams = new LinkedHashMap<>();
        Map<String, Long> tcpFirstSeen = new HashMap<>();
        for (CaptureFile.Record r : file.records) {
            Decoded d = Decoded.of(r.frame());
            c.vlans.add(d.vlans());
            if (!d.ipChecksumOk()) {
                c.checksumFailures++;
            }
            byte[] l4 = d.ipPayload();
            if (d.fragment()) {
                c.fragments++;
                String key = d.src() + ">" + d.dst() + "#" + d.ipId();
                List<Decoded> parts = pendingFragments.computeIfAbsent(key, k -> new ArrayList<>());
                parts.add(d);
                l4 = reassemble(parts);
                if (l4 == null) {
                    continue;
                }
                pendingFragments.remove(key);
            }
            if (!d.l4ChecksumOk(l4)) {
                c.checksumFailures++;
            }
            int sport = d.srcPort(l4);
            int dport = d.dstPort(l4);
            if (d.proto() == Frames.PROTO_UDP) {
                byte[] payload = java.util.Arrays.copyOfRange(l4, 8, l4.length);
                if (sport == 5060 || dport == 5060) {
                    c.sip.addAll(split(r.nanos(), payload));
                } else {
                    ByteBuffer b = ByteBuffer.wrap(payload);
                    Rtp p = new Rtp(r.nanos(), d.src() + ":" + sport, d.dst() + ":" + dport,
                            (payload[1] & 0x80) != 0, payload[1] & 0x7F, b.getShort(2) & 0xFFFF,
                            b.getInt(4) & 0xFFFF_FFFFL, b.getInt(8) & 0xFFFF_FFFFL,
                            java.util.Arrays.copyOfRange(payload, 12, payload.length));
                    c.rtp.computeIfAbsent(p.ssrc(), k -> new ArrayList<>()).add(p);
                }
            } else if (d.proto() == 1 && !d.v6() && l4.length >= 8 + 20 + 4) {
                int ihl = (l4[8] & 0x0F) * 4;
                if (l4.length >= 8 + ihl + 4) {
                    String quoted = (l4[24] & 0xFF) + "." + (l4[25] & 0xFF) + "." + (l4[26] & 0xFF) + "."
                            + (l4[27] & 0xFF) + ":" + (((l4[8 + ihl + 2] & 0xFF) << 8) | (l4[8 + ihl + 3] & 0xFF));
                    c.icmp.add(new Icmp(r.nanos(), d.src(), l4[0] & 0xFF, l4[1] & 0xFF, quoted));
                }
            } else if (d.proto() == Frames.PROTO_TCP) {
                c.tcpSegments++;
                ByteBuffer b = ByteBuffer.wrap(l4);
                long seq = b.getInt(4) & 0xFFFF_FFFFL;
                int hl = ((l4[12] & 0xF0) >> 4) * 4;
                if (l4.length > hl) {
                    String key = d.src() + ":" + sport + ">" + d.dst() + ":" + dport;
                    tcpStreams.computeIfAbsent(key, k -> new TreeMap<>())
                            .put(seq, java.util.Arrays.copyOfRange(l4, hl, l4.length));
                    tcpFirstSeen.putIfAbsent(key + "#" + seq, r.nanos());
                }
            }
        }
        for (var e : tcpStreams.entrySet()) {
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            long first = tcpFirstSeen.get(e.getKey() + "#" + e.getValue().firstKey());
            for (byte[] part : e.getValue().values()) {
                all.writeBytes(part);
            }
            c.sip.addAll(split(first, all.toByteArray()));
        }
        return c;
    }

    private static byte[] reassemble(List<Decoded> parts) {
        int total = -1;
        int have = 0;
        for (Decoded p : parts) {
            have += p.ipPayload().length;
            if (!p.moreFragments()) {
                total = p.fragOffset() + p.ipPayload().length;
            }
        }
        if (total < 0 || have != total) {
            return null;
        }
        byte[] out = new byte[total];
        for (Decoded p : parts) {
            System.arraycopy(p.ipPayload(), 0, out, p.fragOffset(), p.ipPayload().length);
        }
        return out;
    }

    /** Splits a byte stream into SIP messages framed by Content-Length (RFC 3261 §18.3). */
    static List<Sip> split(long nanos, byte[] bytes) {
        String s = new String(bytes, StandardCharsets.US_ASCII);
        List<Sip> out = new ArrayList<>();
        int pos = 0;
        while (pos < s.length()) {
            int end = s.indexOf("\r\n\r\n", pos);
            if (end < 0) {
                throw new IllegalArgumentException("no end of headers");
            }
            String[] lines = s.substring(pos, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            int length = Integer.parseInt(headers.get("content-length"));
            int bodyStart = end + 4;
            int bodyEnd = Math.min(s.length(), bodyStart + length);
            out.add(new Sip(nanos, lines[0], headers, s.substring(bodyStart, bodyEnd), length, bodyEnd - pos));
            pos = bodyEnd;
        }
        return out;
    }
}

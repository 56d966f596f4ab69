package org.shadowrec.sip.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.shadowrec.sip.api.Direction;
import org.shadowrec.sip.api.MediaDescription;
import org.shadowrec.sip.api.RtpMap;
import org.shadowrec.sip.api.SessionDescription;

/**
 * A small, tolerant, line-based SDP parser (RFC 4566 §5) for what a recorder needs: {@code o=}, {@code c=} (§5.7,
 * multicast TTL/count suffix stripped), {@code m=} (§5.14), direction attributes (§6, RFC 3264 §5.1), {@code rtpmap}
 * (§6) with RFC 3551 static defaults, {@code ptime}, {@code label} (RFC 4574) and {@code rtcp} (RFC 3605). Unknown
 * lines and attributes are skipped; CRLF and bare LF both end a line. Stateless.
 */
public final class SdpParser {
    private static final int MAX_MEDIA = 64;

    private SdpParser() {}

    /** Parses an SDP body; null when it is not SDP (no leading {@code v=}) or an m-line is broken. */
    public static SessionDescription parse(byte[] buf, int off, int len) {
        String text = SipBytes.utf8(buf, off, len);
        String origin = null;
        String sessionC = null;
        Direction sessionDir = null;
        List<MediaBuilder> media = new ArrayList<>();
        MediaBuilder current = null;
        boolean first = true;
        int p = 0;
        while (p < text.length()) {
            int nl = text.indexOf('\n', p);
            int end = nl < 0 ? text.length() : nl;
            String line = text.substring(p, end).strip();
            p = end + 1;
            if (line.isEmpty()) {
                continue;
            }
            if (first) {
                if (!line.startsWith("v=")) {
                    return null;
                }
                first = false;
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=') {
                continue;
            }
            String value = line.substring(2).strip();
            switch (line.charAt(0)) {
                case 'o' -> origin = current == null ? value : origin;
                case 'c' -> {
                    String addr = connectionAddress(value);
                    if (current == null) {
                        sessionC = addr;
                    } else {
                        current.connection = addr;
                    }
                }
                case 'm' -> {
                    if (media.size() >= MAX_MEDIA) {
                        return null;
                    }
                    current = MediaBuilder.of(value);
                    if (current == null) {
                        return null;
                    }
                    media.add(current);
                }
                case 'a' -> {
                    Direction d = direction(value);
                    if (d != null) {
                        if (current == null) {
                            sessionDir = d;
                        } else {
                            current.direction = d;
                        }
                    } else if (current != null) {
                        current.attribute(value);
                    }
                }
                default -> { }
            }
        }
        if (first) {
            return null;
        }
        List<MediaDescription> out = new ArrayList<>(media.size());
        for (MediaBuilder m : media) {
            out.add(m.build(sessionC, sessionDir));
        }
        return new SessionDescription(origin, sessionC, Collections.unmodifiableList(out));
    }

    /** {@code IN IP4 224.2.1.1/127/3} → {@code 224.2.1.1}; null when the line has no address. */
    static String connectionAddress(String value) {
        String[] parts = fields(value, 0);
        if (parts.length < 3 || parts[2].isEmpty()) {
            return null;
        }
        String addr = parts[2];
        int slash = addr.indexOf('/');
        return slash > 0 ? addr.substring(0, slash) : slash == 0 ? null : addr;
    }

    /** Splits on runs of SP/HTAB (RFC 4566 §5 fields); at most {@code limit} fields when limit > 0. No regex. */
    static String[] fields(String s, int limit) {
        List<String> out = new ArrayList<>(8);
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
            if (i >= n) {
                break;
            }
            if (limit > 0 && out.size() == limit - 1) {
                out.add(s.substring(i));
                break;
            }
            int j = i;
            while (j < n && s.charAt(j) != ' ' && s.charAt(j) != '\t') {
                j++;
            }
            out.add(s.substring(i, j));
            i = j;
        }
        return out.toArray(new String[0]);
    }

    private static Direction direction(String attr) {
        return switch (attr.toLowerCase(Locale.ROOT)) {
            case "sendrecv" -> Direction.SENDRECV;
            case "sendonly" -> Direction.SENDONLY;
            case "recvonly" -> Direction.RECVONLY;
            case "inactive" -> Direction.INACTIVE;
            default -> null;
        };
    }

    /** Parses a non-negative decimal int; -1 when it is not one or overflows. */
    static int parseNonNegative(String s) {
        if (s.isEmpty() || s.length() > 9) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Mutable collector for one m-section. */
    private static final class MediaBuilder {
        private final String media;
        private final int port;
        private final String proto;
        private final List<Integer> payloadTypes;
        private final Map<Integer, RtpMap> rtpMaps = new LinkedHashMap<>();
        private String connection;
        private Direction direction;
        private String label;
        private int ptime;
        private int rtcpPort;

        private MediaBuilder(String media, int port, String proto, List<Integer> payloadTypes) {
            this.media = media;
            this.port = port;
            this.proto = proto;
            this.payloadTypes = payloadTypes;
        }

        /** {@code <media> <port>[/<count>] <proto> <fmt> ...}; null when broken. */
        static MediaBuilder of(String value) {
            String[] parts = fields(value, 0);
            if (parts.length < 3) {
                return null;
            }
            String portText = parts[1];
            int slash = portText.indexOf('/');
            int port = parseNonNegative(slash >= 0 ? portText.substring(0, slash) : portText);
            if (port < 0 || port > 65535) {
                return null;
            }
            List<Integer> pts = new ArrayList<>();
            for (int i = 3; i < parts.length; i++) {
                int pt = parseNonNegative(parts[i]);
                if (pt >= 0 && pt <= 127) {
                    pts.add(pt);
                }
            }
            return new MediaBuilder(parts[0].toLowerCase(Locale.ROOT), port, parts[2], Collections.unmodifiableList(pts));
        }

        void attribute(String attr) {
            int colon = attr.indexOf(':');
            if (colon < 0) {
                return;
            }
            String name = attr.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String v = attr.substring(colon + 1).strip();
            switch (name) {
                case "rtpmap" -> rtpMap(v);
                case "ptime" -> ptime = Math.max(0, parseNonNegative(leadingNumber(v)));
                case "label" -> label = v;
                case "rtcp" -> rtcpPort = Math.max(0, parseNonNegative(leadingNumber(v)));
                default -> { }
            }
        }

        /** {@code <pt> <encoding>/<clock>[/<channels>]} (RFC 4566 §6). Broken entries are skipped. */
        private void rtpMap(String v) {
            String[] parts = fields(v, 2);
            if (parts.length < 2) {
                return;
            }
            int pt = parseNonNegative(parts[0]);
            String[] enc = parts[1].strip().split("/");
            if (pt < 0 || pt > 127 || enc.length < 2 || enc[0].isEmpty()) {
                return;
            }
            int clock = parseNonNegative(enc[1].strip());
            int channels = enc.length > 2 ? parseNonNegative(enc[2].strip()) : 1;
            if (clock <= 0) {
                return;
            }
            rtpMaps.putIfAbsent(pt, new RtpMap(pt, enc[0].strip().toUpperCase(Locale.ROOT), clock,
                    channels <= 0 ? 1 : channels));
        }

        private static String leadingNumber(String v) {
            int i = 0;
            while (i < v.length() && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
                i++;
            }
            return v.substring(0, i);
        }

        MediaDescription build(String sessionC, Direction sessionDir) {
            Map<Integer, RtpMap> maps = new LinkedHashMap<>();
            for (Integer pt : payloadTypes) {
                RtpMap m = rtpMaps.get(pt);
                if (m == null) {
                    m = StaticPayloadTypes.of(pt);
                }
                if (m != null) {
                    maps.put(pt, m);
                }
            }
            rtpMaps.forEach(maps::putIfAbsent);
            Direction dir = direction != null ? direction : sessionDir != null ? sessionDir : Direction.SENDRECV;
            return new MediaDescription(media, port, proto, payloadTypes, connection != null ? connection : sessionC,
                    dir, Collections.unmodifiableMap(maps), label, ptime, rtcpPort);
        }
    }
}

package org.shadowrec.correlator.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.shadowrec.correlator.api.Endpoint;
import org.shadowrec.rtp.api.PayloadFormat;
import org.shadowrec.sip.api.MediaDescription;
import org.shadowrec.sip.api.RtpMap;
import org.shadowrec.sip.api.SessionDescription;

/**
 * Where one party receives its audio, as its own SDP announces it (RFC 3264 §5: the address and port in an offer or
 * answer are where that side wants to receive). Taken from the first {@code audio} m-line whose port is not 0 (a
 * rejected or disabled stream, RFC 3264 §6). RTCP is on {@code a=rtcp} (RFC 3605) or else port + 1 (RFC 3550 §11).
 *
 * @param rtp the receive endpoint of RTP
 * @param rtcp the receive endpoint of RTCP
 * @param formats payload type meanings of that m-line, in m-line order
 */
record SdpMedia(Endpoint rtp, Endpoint rtcp, Map<Integer, PayloadFormat> formats) {

    /**
     * The receive endpoints of a session description, or null when it has no usable audio stream: no audio m-line
     * with a port, no literal IP address (host names are never resolved), or a hold address ({@code 0.0.0.0} or
     * {@code ::}, RFC 3264 §8.4 / RFC 2543 hold) which must not be mapped.
     */
    static SdpMedia of(SessionDescription sdp) {
        if (sdp == null || sdp.media() == null) {
            return null;
        }
        for (MediaDescription m : sdp.media()) {
            if (m == null || !"audio".equalsIgnoreCase(m.media()) || m.port() <= 0 || m.port() > 0xFFFF) {
                continue;
            }
            String address = m.connectionAddress() != null ? m.connectionAddress() : sdp.connectionAddress();
            Endpoint rtp = Endpoint.parse(address, m.port());
            if (rtp == null || isUnspecified(rtp)) {
                return null;
            }
            int rtcpPort = m.rtcpPort() > 0 && m.rtcpPort() <= 0xFFFF ? m.rtcpPort() : (m.port() + 1) & 0xFFFF;
            return new SdpMedia(rtp, rtp.withPort(rtcpPort), formats(m));
        }
        return null;
    }

    /**
     * The receive endpoints of every audio m-line, in SDP order (index = audio m-line ordinal, the SIPREC channel):
     * null entries for a rejected stream ({@code port 0}), a hold address or no literal address.
     */
    static List<SdpMedia> all(SessionDescription sdp) {
        List<SdpMedia> out = new ArrayList<>();
        if (sdp == null || sdp.media() == null) {
            return out;
        }
        for (MediaDescription m : sdp.media()) {
            if (m == null || !"audio".equalsIgnoreCase(m.media())) {
                continue;
            }
            SdpMedia one = null;
            if (m.port() > 0 && m.port() <= 0xFFFF) {
                String address = m.connectionAddress() != null ? m.connectionAddress() : sdp.connectionAddress();
                Endpoint rtp = Endpoint.parse(address, m.port());
                if (rtp != null && !isUnspecified(rtp)) {
                    int rtcpPort = m.rtcpPort() > 0 && m.rtcpPort() <= 0xFFFF ? m.rtcpPort() : (m.port() + 1) & 0xFFFF;
                    one = new SdpMedia(rtp, rtp.withPort(rtcpPort), formats(m));
                }
            }
            out.add(one);
        }
        return out;
    }

    /** Audio m-lines of a session description (0 for none). */
    static int audioCount(SessionDescription sdp) {
        int n = 0;
        if (sdp != null && sdp.media() != null) {
            for (MediaDescription m : sdp.media()) {
                if (m != null && "audio".equalsIgnoreCase(m.media())) {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * The payload formats of {@code first}, completed by {@code fallback}'s for payload types {@code first} does not
     * list: audio arriving at a party uses that party's payload type numbers (RFC 3264 §5.1), the other side's as a
     * fallback.
     */
    static Map<Integer, PayloadFormat> preferring(Map<Integer, PayloadFormat> first,
                                                  Map<Integer, PayloadFormat> fallback) {
        if (fallback.isEmpty()) {
            return first;
        }
        Map<Integer, PayloadFormat> m = new LinkedHashMap<>(fallback);
        m.putAll(first);
        return Map.copyOf(m);
    }

    private static boolean isUnspecified(Endpoint e) {
        return e.isIpv4() ? (e.lo() & 0xFFFF_FFFFL) == 0 : e.hi() == 0 && e.lo() == 0;
    }

    private static Map<Integer, PayloadFormat> formats(MediaDescription m) {
        Map<Integer, PayloadFormat> out = new LinkedHashMap<>();
        if (m.rtpMaps() != null) {
            for (RtpMap r : m.rtpMaps().values()) {
                if (r != null && r.encoding() != null && r.payloadType() >= 0 && r.payloadType() <= 127) {
                    out.put(r.payloadType(), new PayloadFormat(r.payloadType(),
                            r.encoding().toUpperCase(Locale.ROOT), r.clockRate()));
                }
            }
        }
        return Collections.unmodifiableMap(out);
    }
}

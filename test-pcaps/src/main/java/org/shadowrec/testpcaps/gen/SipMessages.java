package org.shadowrec.testpcaps.gen;

import java.nio.charset.StandardCharsets;

/**
 * The text of the seven SIP messages of one call (RFC 3261 §8.1.1 mandatory headers, §20 header order is free) and
 * the two SDP bodies (RFC 8866, offer/answer RFC 3264).
 */
final class SipMessages {
    static final String USER_AGENT = "shadowrec-testpcaps/1.0";
    private static final String CRLF = "\r\n";

    /**
     * One call's identity.
     *
     * @param caller       caller host
     * @param callee       callee host
     * @param callerNumber caller user part
     * @param calleeNumber callee user part
     * @param callerName   caller display name
     * @param calleeName   callee display name
     * @param callerRtp    caller RTP port
     * @param calleeRtp    callee RTP port
     * @param codec        offered and answered codec
     * @param tcp          SIP over TCP
     * @param callId       Call-ID
     * @param fromTag      From tag
     * @param toTag        To tag
     * @param branches     Via branches of INVITE, ACK, BYE
     * @param sessionIds   SDP o= session ids of caller and callee
     */
    record Dialog(Host caller, Host callee, String callerNumber, String calleeNumber, String callerName,
                  String calleeName, int callerRtp, int calleeRtp, Codec codec, boolean tcp, String callId,
                  String fromTag, String toTag, String[] branches, long[] sessionIds) {

        String transportParam() {
            return tcp ? ";transport=tcp" : "";
        }

        String via(int n) {
            return "Via: SIP/2.0/" + (tcp ? "TCP " : "UDP ") + caller.hostPort(SipCall.SIP_PORT) + ";branch="
                    + branches[n];
        }

        String from() {
            return "From: \"" + callerName + "\" <" + callerAor() + ">;tag=" + fromTag;
        }

        String to(boolean tagged) {
            return "To: \"" + calleeName + "\" <" + calleeAor() + ">" + (tagged ? ";tag=" + toTag : "");
        }

        String callerAor() {
            return "sip:" + callerNumber + "@" + caller.sipHost();
        }

        String calleeAor() {
            return "sip:" + calleeNumber + "@" + callee.sipHost();
        }

        String calleeContactUri() {
            return "sip:" + calleeNumber + "@" + callee.hostPort(SipCall.SIP_PORT) + transportParam();
        }
    }

    private SipMessages() {
    }

    static String sdp(Host host, int port, Codec codec, long sessionId) {
        String rtpmap = codec == Codec.PCMU ? "PCMU/8000" : "PCMA/8000";
        int pt = codec.payloadType();
        return "v=0" + CRLF
                + "o=- " + sessionId + " " + sessionId + " IN " + host.sdpAddrType() + " " + host.ip() + CRLF
                + "s=shadowrec test call" + CRLF
                + "c=IN " + host.sdpAddrType() + " " + host.ip() + CRLF
                + "t=0 0" + CRLF
                + "m=audio " + port + " RTP/AVP " + pt + " 101" + CRLF
                + "a=rtpmap:" + pt + " " + rtpmap + CRLF
                + "a=rtpmap:101 telephone-event/8000" + CRLF
                + "a=fmtp:101 0-16" + CRLF
                + "a=ptime:20" + CRLF
                + "a=sendrecv" + CRLF;
    }

    /** @param padTo total INVITE size in bytes (an X-Padding header fills it), 0 for no padding */
    static byte[] invite(Dialog d, int padTo) {
        String sdp = sdp(d.caller(), d.callerRtp(), d.codec(), d.sessionIds()[0]);
        String head = "INVITE " + "sip:" + d.calleeNumber() + "@" + d.callee().hostPort(SipCall.SIP_PORT)
                + d.transportParam() + " SIP/2.0" + CRLF
                + d.via(0) + CRLF
                + "Max-Forwards: 70" + CRLF
                + d.from() + CRLF
                + d.to(false) + CRLF
                + "Call-ID: " + d.callId() + CRLF
                + "CSeq: 1 INVITE" + CRLF
                + "Contact: <sip:" + d.callerNumber() + "@" + d.caller().hostPort(SipCall.SIP_PORT)
                + d.transportParam() + ">" + CRLF
                + "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS" + CRLF
                + "User-Agent: " + USER_AGENT + CRLF;
        String tail = "Content-Type: application/sdp" + CRLF
                + "Content-Length: " + sdp.length() + CRLF + CRLF + sdp;
        if (padTo > 0) {
            String prefix = "X-Padding: ";
            int fill = padTo - head.length() - tail.length() - prefix.length() - CRLF.length();
            if (fill < 1) {
                throw new IllegalArgumentException("INVITE already larger than " + padTo);
            }
            head += prefix + "x".repeat(fill) + CRLF;
        }
        return ascii(head + tail);
    }

    static byte[] provisional(Dialog d, int code, String reason) {
        boolean tagged = code != 100;
        return ascii("SIP/2.0 " + code + " " + reason + CRLF
                + d.via(0) + CRLF
                + d.from() + CRLF
                + d.to(tagged) + CRLF
                + "Call-ID: " + d.callId() + CRLF
                + "CSeq: 1 INVITE" + CRLF
                + (tagged ? "Contact: <" + d.calleeContactUri() + ">" + CRLF : "")
                + "User-Agent: " + USER_AGENT + CRLF
                + "Content-Length: 0" + CRLF + CRLF);
    }

    static byte[] inviteOk(Dialog d) {
        String sdp = sdp(d.callee(), d.calleeRtp(), d.codec(), d.sessionIds()[1]);
        return ascii("SIP/2.0 200 OK" + CRLF
                + d.via(0) + CRLF
                + d.from() + CRLF
                + d.to(true) + CRLF
                + "Call-ID: " + d.callId() + CRLF
                + "CSeq: 1 INVITE" + CRLF
                + "Contact: <" + d.calleeContactUri() + ">" + CRLF
                + "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS" + CRLF
                + "User-Agent: " + USER_AGENT + CRLF
                + "Content-Type: application/sdp" + CRLF
                + "Content-Length: " + sdp.length() + CRLF + CRLF + sdp);
    }

    static byte[] ack(Dialog d) {
        return request(d, "ACK", 1, 1);
    }

    static byte[] bye(Dialog d) {
        return request(d, "BYE", 2, 2);
    }

    private static byte[] request(Dialog d, String method, int branch, int cseq) {
        return ascii(method + " " + d.calleeContactUri() + " SIP/2.0" + CRLF
                + d.via(branch) + CRLF
                + "Max-Forwards: 70" + CRLF
                + d.from() + CRLF
                + d.to(true) + CRLF
                + "Call-ID: " + d.callId() + CRLF
                + "CSeq: " + cseq + " " + method + CRLF
                + "User-Agent: " + USER_AGENT + CRLF
                + "Content-Length: 0" + CRLF + CRLF);
    }

    static byte[] byeOk(Dialog d) {
        return ascii("SIP/2.0 200 OK" + CRLF
                + d.via(2) + CRLF
                + d.from() + CRLF
                + d.to(true) + CRLF
                + "Call-ID: " + d.callId() + CRLF
                + "CSeq: 2 BYE" + CRLF
                + "User-Agent: " + USER_AGENT + CRLF
                + "Content-Length: 0" + CRLF + CRLF);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}

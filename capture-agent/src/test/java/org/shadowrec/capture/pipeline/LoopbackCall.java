package org.shadowrec.capture.pipeline;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.shadowrec.testpcaps.gen.G711;

/**
 * Test helper: one SIP call played for real over loopback, in phases so that a test can stop or kill shadowrec in
 * the middle: {@link #start()} (INVITE/200/ACK), {@link #media(int)} (PCMU both ways at 20 ms, caller 440 Hz, callee
 * 1000 Hz, sequence numbers and timestamps continuing from the last phase), {@link #end()} (BYE/200).
 */
final class LoopbackCall implements AutoCloseable {
    static final String LO = "127.0.0.1";
    static final int CALLER_SIP = 45060;
    static final int CALLEE_SIP = 45062;
    static final int CALLER_RTP = 46000;
    static final int CALLEE_RTP = 46002;
    static final String FILTER = "udp and (port " + CALLER_SIP + " or port " + CALLEE_SIP + " or port "
            + CALLER_RTP + " or port " + CALLEE_RTP + ")";

    private final String callId;
    private final DatagramSocket callerSip;
    private final DatagramSocket calleeSip;
    private final DatagramSocket callerRtp;
    private final DatagramSocket calleeRtp;
    private int sent;

    LoopbackCall(String name) throws IOException {
        this.callId = name + "-" + ProcessHandle.current().pid() + "@127.0.0.1";
        this.callerSip = bind(CALLER_SIP);
        this.calleeSip = bind(CALLEE_SIP);
        this.callerRtp = bind(CALLER_RTP);
        this.calleeRtp = bind(CALLEE_RTP);
    }

    void start() throws IOException {
        send(callerSip, CALLEE_SIP, invite(callId));
        send(calleeSip, CALLER_SIP, ok(callId, 1, "INVITE", sdp(CALLEE_RTP, "Bob")));
        send(callerSip, CALLEE_SIP, request("ACK", callId, 1, ""));
    }

    /** {@code packets} more RTP packets each way, one every 20 ms. */
    void media(int packets) throws IOException, InterruptedException {
        long start = System.nanoTime();
        for (int k = 0; k < packets; k++, sent++) {
            int i = sent;
            send(callerRtp, CALLEE_RTP, rtp(0x11223344, 1000 + i, 8000L + 160L * i, 440, i));
            send(calleeRtp, CALLER_RTP, rtp(0x55667788, 2000 + i, 16000L + 160L * i, 1000, i));
            long next = start + (k + 1) * 20_000_000L;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
    }

    void end() throws IOException {
        send(callerSip, CALLEE_SIP, request("BYE", callId, 2, ""));
        send(calleeSip, CALLER_SIP, ok(callId, 2, "BYE", ""));
    }

    /** RTP packets sent each way so far. */
    int sent() {
        return sent;
    }

    @Override
    public void close() {
        callerSip.close();
        calleeSip.close();
        callerRtp.close();
        calleeRtp.close();
    }

    private static DatagramSocket bind(int port) throws IOException {
        DatagramSocket s = new DatagramSocket(null);
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getByName(LO), port));
        return s;
    }

    private static void send(DatagramSocket from, int toPort, byte[] data) throws IOException {
        from.send(new DatagramPacket(data, data.length, InetAddress.getByName(LO), toPort));
    }

    private static void send(DatagramSocket from, int toPort, String text) throws IOException {
        send(from, toPort, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] rtp(int ssrc, int seq, long ts, int hz, int index) {
        byte[] p = new byte[12 + 160];
        p[0] = (byte) 0x80;
        p[1] = (byte) (index == 0 ? 0x80 : 0x00); // marker on the first packet, PT 0 (PCMU)
        p[2] = (byte) (seq >>> 8);
        p[3] = (byte) seq;
        for (int i = 0; i < 4; i++) {
            p[4 + i] = (byte) (ts >>> (24 - 8 * i));
            p[8 + i] = (byte) (ssrc >>> (24 - 8 * i));
        }
        for (int n = 0; n < 160; n++) {
            double t = (index * 160 + n) / 8000.0;
            p[12 + n] = G711.linearToUlaw((int) Math.round(10_000 * Math.sin(2 * Math.PI * hz * t)));
        }
        return p;
    }

    private static String sdp(int port, String user) {
        return "v=0\r\no=" + user + " 1 1 IN IP4 " + LO + "\r\ns=-\r\nc=IN IP4 " + LO + "\r\nt=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n";
    }

    private static String invite(String callId) {
        String body = sdp(CALLER_RTP, "Alice");
        return "INVITE sip:1002@" + LO + ":" + CALLEE_SIP + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + LO + ":" + CALLER_SIP + ";branch=z9hG4bK-live-1\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: \"Alice\" <sip:1001@" + LO + ">;tag=live-from\r\n"
                + "To: \"Bob\" <sip:1002@" + LO + ">\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 1 INVITE\r\n"
                + "Contact: <sip:1001@" + LO + ":" + CALLER_SIP + ">\r\n"
                + "Content-Type: application/sdp\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    private static String request(String method, String callId, int cseq, String body) {
        return method + " sip:1002@" + LO + ":" + CALLEE_SIP + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + LO + ":" + CALLER_SIP + ";branch=z9hG4bK-live-" + method + cseq + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: \"Alice\" <sip:1001@" + LO + ">;tag=live-from\r\n"
                + "To: \"Bob\" <sip:1002@" + LO + ">;tag=live-to\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: " + cseq + " " + method + "\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }

    private static String ok(String callId, int cseq, String method, String body) {
        return "SIP/2.0 200 OK\r\n"
                + "Via: SIP/2.0/UDP " + LO + ":" + CALLER_SIP + ";branch=z9hG4bK-live-"
                + (method.equals("INVITE") ? "1" : method + cseq) + "\r\n"
                + "From: \"Alice\" <sip:1001@" + LO + ">;tag=live-from\r\n"
                + "To: \"Bob\" <sip:1002@" + LO + ">;tag=live-to\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: " + cseq + " " + method + "\r\n"
                + "Contact: <sip:1002@" + LO + ":" + CALLEE_SIP + ">\r\n"
                + (body.isEmpty() ? "" : "Content-Type: application/sdp\r\n")
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }
}

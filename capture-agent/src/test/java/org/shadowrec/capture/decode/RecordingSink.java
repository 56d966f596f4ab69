package org.shadowrec.capture.decode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shadowrec.correlator.api.Endpoint;

/** A sink that keeps what it is given (copied, since buffers are only valid during the call). */
final class RecordingSink implements DecodedSink {
    record Udp(long nanos, Endpoint src, Endpoint dst, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.US_ASCII);
        }
    }

    record IcmpError(long nanos, Endpoint reporter, Endpoint origSrc, Endpoint origDst, String kind) {
    }

    final List<Udp> udp = new ArrayList<>();
    final List<IcmpError> icmp = new ArrayList<>();
    /** Every TCP callback in order, e.g. "data 10.0.0.1:5060>10.0.0.2:5061 INVITE", "gap ...", "closed ... rst". */
    final List<String> tcpEvents = new ArrayList<>();
    final Map<String, ByteArrayOutputStream> streams = new LinkedHashMap<>();
    final List<Long> tcpNanos = new ArrayList<>();

    @Override
    public void udp(long captureNanos, Endpoint src, Endpoint dst, byte[] buf, int off, int len) {
        udp.add(new Udp(captureNanos, src, dst, Arrays.copyOfRange(buf, off, off + len)));
    }

    @Override
    public void tcp(long captureNanos, Endpoint src, Endpoint dst, byte[] buf, int off, int len) {
        String dir = src + ">" + dst;
        tcpEvents.add("data " + dir + " " + new String(buf, off, len, StandardCharsets.US_ASCII));
        tcpNanos.add(captureNanos);
        streams.computeIfAbsent(dir, k -> new ByteArrayOutputStream()).write(buf, off, len);
    }

    @Override
    public void tcpGap(long captureNanos, Endpoint src, Endpoint dst) {
        tcpEvents.add("gap " + src + ">" + dst);
    }

    @Override
    public void tcpClosed(long captureNanos, Endpoint src, Endpoint dst, boolean reset) {
        tcpEvents.add("closed " + src + ">" + dst + (reset ? " rst" : " fin"));
    }

    @Override
    public void tcpRetransmission(long captureNanos, Endpoint src, Endpoint dst, long firstNanos,
                                  int transmissions) {
        tcpEvents.add("retransmission " + src + ">" + dst + " first " + firstNanos + " x" + transmissions + " at "
                + captureNanos);
    }

    @Override
    public void icmpError(long captureNanos, Endpoint reporter, Endpoint origSrc, Endpoint origDst, String kind) {
        icmp.add(new IcmpError(captureNanos, reporter, origSrc, origDst, kind));
    }

    String stream(String dir) {
        ByteArrayOutputStream s = streams.get(dir);
        return s == null ? "" : s.toString(StandardCharsets.US_ASCII);
    }

    int events() {
        return udp.size() + icmp.size() + tcpEvents.size();
    }
}

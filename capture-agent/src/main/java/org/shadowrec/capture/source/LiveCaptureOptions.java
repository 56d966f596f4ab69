package org.shadowrec.capture.source;

import java.util.Objects;

/**
 * How {@link LivePcapSource} opens an interface.
 *
 * <table>
 * <caption>Options and defaults</caption>
 * <tr><th>option</th><th>default</th><th>why</th></tr>
 * <tr><td>{@code interfaceName}</td><td>(required)</td><td>e.g. {@code eth1} on the mirror port; {@code any}
 *     works but gives Linux SLL frames</td></tr>
 * <tr><td>{@code filter}</td><td>null (everything)</td><td>BPF expression, {@code pcap-filter(7)}</td></tr>
 * <tr><td>{@code snaplen}</td><td>65535</td><td>whole frames; RTP and SIP need the payload</td></tr>
 * <tr><td>{@code bufferBytes}</td><td>32 MiB</td><td>kernel ring: absorbs bursts while the capture thread is busy
 *     (libpcap's own default is 2 MiB)</td></tr>
 * <tr><td>{@code promiscuous}</td><td>true</td><td>a mirror port carries frames for other MAC addresses</td></tr>
 * <tr><td>{@code immediate}</td><td>false</td><td>false: the kernel hands over full blocks or after
 *     {@code readTimeoutMillis} (fewer wake-ups under load); true: every packet at once</td></tr>
 * <tr><td>{@code readTimeoutMillis}</td><td>100</td><td>longest wait for a partly filled block; also bounds how
 *     long an idle handle can sleep before it sees {@code breakLoop()}</td></tr>
 * </table>
 */
public record LiveCaptureOptions(String interfaceName, String filter, int snaplen, int bufferBytes,
                                 boolean promiscuous, boolean immediate, int readTimeoutMillis) {
    public static final int DEFAULT_SNAPLEN = 65_535;
    public static final int DEFAULT_BUFFER_BYTES = 32 << 20;
    public static final int DEFAULT_READ_TIMEOUT_MILLIS = 100;

    public LiveCaptureOptions {
        Objects.requireNonNull(interfaceName, "interfaceName");
        if (interfaceName.isBlank()) {
            throw new IllegalArgumentException("interfaceName is blank");
        }
        if (snaplen <= 0 || bufferBytes <= 0 || readTimeoutMillis <= 0) {
            throw new IllegalArgumentException("snaplen, bufferBytes and readTimeoutMillis must be positive");
        }
    }

    /** The defaults above for {@code interfaceName}. */
    public static LiveCaptureOptions of(String interfaceName) {
        return new LiveCaptureOptions(interfaceName, null, DEFAULT_SNAPLEN, DEFAULT_BUFFER_BYTES, true, false,
                DEFAULT_READ_TIMEOUT_MILLIS);
    }

    public LiveCaptureOptions withFilter(String bpf) {
        return new LiveCaptureOptions(interfaceName, bpf, snaplen, bufferBytes, promiscuous, immediate,
                readTimeoutMillis);
    }

    public LiveCaptureOptions withSnaplen(int bytes) {
        return new LiveCaptureOptions(interfaceName, filter, bytes, bufferBytes, promiscuous, immediate,
                readTimeoutMillis);
    }

    public LiveCaptureOptions withBufferBytes(int bytes) {
        return new LiveCaptureOptions(interfaceName, filter, snaplen, bytes, promiscuous, immediate,
                readTimeoutMillis);
    }

    public LiveCaptureOptions withPromiscuous(boolean on) {
        return new LiveCaptureOptions(interfaceName, filter, snaplen, bufferBytes, on, immediate, readTimeoutMillis);
    }

    public LiveCaptureOptions withImmediate(boolean on) {
        return new LiveCaptureOptions(interfaceName, filter, snaplen, bufferBytes, promiscuous, on, readTimeoutMillis);
    }

    public LiveCaptureOptions withReadTimeoutMillis(int millis) {
        return new LiveCaptureOptions(interfaceName, filter, snaplen, bufferBytes, promiscuous, immediate, millis);
    }
}

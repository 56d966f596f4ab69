package org.shadowrec.capture.source;

import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapStat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kernel and interface drops of a live handle, from {@code pcap_stats(3PCAP)}: {@code ps_recv} (packets the kernel
 * saw), {@code ps_drop} (dropped because the ring was full: the capture thread or buffer was too slow) and
 * {@code ps_ifdrop} (dropped by the NIC or its driver). On Linux {@code pcap_stats} reads and resets the kernel's
 * counters and accumulates them in the handle, so calls are serialised here; the last values are readable from any
 * thread.
 */
final class DropMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(DropMonitor.class);

    private final String name;
    private final PcapHandle handle;
    private volatile long received;
    private volatile long dropped;
    private volatile long droppedByInterface;
    private long loggedDropped;
    private long loggedDroppedByInterface;

    DropMonitor(String name, PcapHandle handle) {
        this.name = name;
        this.handle = handle;
    }

    /** Reads the counters from libpcap; a closed handle keeps the last values. */
    synchronized void poll() {
        try {
            PcapStat stat = handle.getStats();
            received = stat.getNumPacketsReceived();
            dropped = stat.getNumPacketsDropped();
            droppedByInterface = stat.getNumPacketsDroppedByIf();
        } catch (NotOpenException e) {
            // closed or closing: keep what was read last
        } catch (PcapNativeException e) {
            LOG.debug("{}: pcap_stats failed: {}", name, e.getMessage());
        }
    }

    /**
     * Polls, and logs once when the drop counters moved since the last log (the 10-second tick).
     *
     * @return whether it logged
     */
    synchronized boolean pollAndLogIfChanged() {
        poll();
        boolean changed = dropped != loggedDropped || droppedByInterface != loggedDroppedByInterface;
        if (changed) {
            LOG.warn("{}: packets dropped so far: {} by the kernel (buffer full), {} by the interface; {} received",
                    name, dropped, droppedByInterface, received);
            loggedDropped = dropped;
            loggedDroppedByInterface = droppedByInterface;
        }
        return changed;
    }

    long received() {
        return received;
    }

    long dropped() {
        return dropped;
    }

    long droppedByInterface() {
        return droppedByInterface;
    }
}

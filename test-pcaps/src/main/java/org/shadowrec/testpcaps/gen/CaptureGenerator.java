package org.shadowrec.testpcaps.gen;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Writes a capture while producing it: every call contributes three sources (its signalling, its two RTP streams),
 * each already in time order; a priority queue keyed on (time, source) merges them, so memory stays proportional to
 * the number of calls, not packets. Ties break on the source's creation order, which keeps the output deterministic.
 */
public final class CaptureGenerator {
    private static final int BUFFER_BYTES = 1 << 20;

    private CaptureGenerator() {
    }

    /** Generates into {@code file} (replaced if present). */
    public static GenerationResult write(CaptureOptions options, Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), BUFFER_BYTES)) {
            return write(options, out);
        }
    }

    /** Generates into {@code out} (not closed). */
    public static GenerationResult write(CaptureOptions options, OutputStream out) throws IOException {
        ToneCache tones = new ToneCache();
        List<CallFacts> facts = new ArrayList<>(options.calls());
        PriorityQueue<Source> queue = new PriorityQueue<>(
                Comparator.comparingLong((Source s) -> s.head.nanos()).thenComparingInt(s -> s.id));
        int id = 0;
        for (int i = 0; i < options.calls(); i++) {
            SipCall.Plan plan = SipCall.plan(options, i, tones);
            facts.add(plan.facts());
            for (Iterator<Packet> it : List.of(plan.signalling().iterator(), plan.caller(), plan.callee())) {
                Source s = new Source(it, id++);
                if (s.advance()) {
                    queue.add(s);
                }
            }
        }
        CaptureWriter writer = options.format().open(new NonClosing(out));
        long count = 0;
        long last = Long.MIN_VALUE;
        while (!queue.isEmpty()) {
            Source s = queue.poll();
            Packet p = s.head;
            if (p.nanos() < last) {
                throw new IllegalStateException("source " + s.id + " went back in time");
            }
            last = p.nanos();
            writer.write(p.nanos(), p.frame());
            count++;
            if (s.advance()) {
                queue.add(s);
            }
        }
        writer.close();
        out.flush();
        return new GenerationResult(count, List.copyOf(facts));
    }

    /** @return frames a capture of these options holds, without writing it */
    public static long expectedPackets(CaptureOptions o) {
        long perCall = 2L * o.packetsPerDirection();
        for (Impairments imp : List.of(o.callerImpairments(), o.calleeImpairments())) {
            perCall += imp.duplicate().size() - imp.drop().size();
        }
        if (o.sipTransport() == SipTransport.TCP) {
            perCall += 19;
        } else {
            perCall += o.fragmentInvite() == Fragmentation.NONE ? 7 : 8;
        }
        return perCall * o.calls();
    }

    private static final class Source {
        private final Iterator<Packet> it;
        private final int id;
        private Packet head;

        Source(Iterator<Packet> it, int id) {
            this.it = it;
            this.id = id;
        }

        boolean advance() {
            head = it.hasNext() ? it.next() : null;
            return head != null;
        }
    }

    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}

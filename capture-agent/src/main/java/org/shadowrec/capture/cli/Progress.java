package org.shadowrec.capture.cli;

import java.io.PrintStream;
import java.util.Map;
import org.shadowrec.capture.api.PacketSource;
import org.shadowrec.capture.pipeline.Pipeline;

/** A one-line progress bar on stderr, redrawn four times a second while a run goes on (terminal only). */
final class Progress implements AutoCloseable {
    private final Pipeline pipeline;
    private final boolean live;
    private final PrintStream err;
    private final Thread thread;
    private volatile boolean running = true;

    Progress(Pipeline pipeline, boolean live, PrintStream err) {
        this.pipeline = pipeline;
        this.live = live;
        this.err = err;
        this.thread = new Thread(this::loop, "shadowrec-progress");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void loop() {
        while (running) {
            err.print('\r' + line() + "\u001b[K");
            err.flush();
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private String line() {
        PacketSource s = pipeline.currentSource();
        String where = s == null ? "" : s.name() + " ";
        String counts = String.format("%,d packets captured, %,d processed, %d open calls", pipeline.captured(),
                pipeline.processed(), pipeline.openSessions());
        if (live || s == null) {
            return where + counts;
        }
        Map<String, Long> st = s.stats();
        long total = st.getOrDefault("bytes-total", 0L);
        long read = st.getOrDefault("bytes-read", 0L);
        int pct = total > 0 ? (int) Math.min(100, read * 100 / total) : 0;
        int width = 30;
        int filled = pct * width / 100;
        return String.format("[%s%s] %3d%% %s%s", "#".repeat(filled), ".".repeat(width - filled), pct, where, counts);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        err.print("\r\u001b[K");
        err.flush();
    }
}

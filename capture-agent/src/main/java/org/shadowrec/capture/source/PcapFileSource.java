package org.shadowrec.capture.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.shadowrec.capture.api.CaptureException;
import org.shadowrec.capture.api.FrameConsumer;
import org.shadowrec.capture.api.PacketSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A capture file as a {@link PacketSource}: classic pcap (µs or ns, either byte order) or pcapng, read through a
 * windowed read-only memory map (any file size) and delivered from one reused buffer, no pcap4j.
 *
 * <p>Damage: a file whose header (the classic 24-byte header, or the first Section Header Block) is missing or
 * damaged is not usable and {@link #run} throws {@link CaptureException}. Damage after the header ends the input
 * normally: every complete frame before it is delivered and {@link #problem()} says what and at which byte offset.
 * A file that ends exactly at a record boundary is complete, whatever its writer intended.
 *
 * <p>The file size is taken when the file is opened; bytes appended later (a capture still being written) are not
 * read. Limits: a frame larger than 256 KiB ({@value FileReader#MAX_FRAME} bytes) is corruption.
 */
public final class PcapFileSource implements PacketSource {
    private static final Logger LOG = LoggerFactory.getLogger(PcapFileSource.class);

    private final Path file;
    private final FileChannel channel;
    private final long size;
    private final FileFormat format;
    private final int windowSize;
    private final FileProgress progress = new FileProgress();
    private volatile String problem;
    private boolean ran;

    private PcapFileSource(Path file, FileChannel channel, long size, FileFormat format, int windowSize) {
        this.file = file;
        this.channel = channel;
        this.size = size;
        this.format = format;
        this.windowSize = windowSize;
    }

    /**
     * Opens a capture file and recognises its format by its magic number.
     *
     * @throws CaptureException when the file is missing, unreadable, empty, or not a pcap/pcapng capture
     */
    public static PcapFileSource open(Path file) throws CaptureException {
        return open(file, MappedWindow.DEFAULT_WINDOW);
    }

    /** As {@link #open(Path)}, with a chosen map window (tests use small windows to cross window ends). */
    static PcapFileSource open(Path file, int windowSize) throws CaptureException {
        if (Files.isDirectory(file)) {
            throw new CaptureException(file + " is a directory, not a capture file");
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new CaptureException("capture file " + file + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new CaptureException("capture file " + file + " is not readable (permission denied)", e);
        } catch (IOException e) {
            throw new CaptureException("cannot open capture file " + file + ": " + e, e);
        }
        try {
            long size = channel.size();
            FileFormat format = sniff(file, channel, size);
            return new PcapFileSource(file, channel, size, format, windowSize);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new CaptureException("cannot read capture file " + file + ": " + e, e);
        } catch (CaptureException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static FileFormat sniff(Path file, FileChannel channel, long size) throws IOException, CaptureException {
        if (size == 0) {
            throw new CaptureException("capture file " + file + " is empty");
        }
        ByteBuffer head = ByteBuffer.allocate(4);
        while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
            // read until four bytes or end of file
        }
        byte[] first = head.array();
        int n = head.position();
        FileFormat format = n == 4 ? FileFormat.byMagic(ByteBuffer.wrap(first).order(ByteOrder.LITTLE_ENDIAN)
                .getInt()) : null;
        if (format != null) {
            return format;
        }
        StringBuilder hex = new StringBuilder();
        for (int k = 0; k < n; k++) {
            hex.append(k == 0 ? "" : " ").append(String.format("%02x", first[k] & 0xFF));
        }
        String hint = n >= 2 && (first[0] & 0xFF) == 0x1f && (first[1] & 0xFF) == 0x8b
                ? "; it looks gzip-compressed: decompress it first (gunzip)" : "";
        throw new CaptureException("capture file " + file + " is not a pcap or pcapng capture (starts with " + hex
                + ")" + hint);
    }

    @Override
    public void run(FrameConsumer consumer) throws CaptureException {
        synchronized (this) {
            if (ran) {
                throw new IllegalStateException("run() was already called on " + name());
            }
            ran = true;
        }
        MappedWindow in = new MappedWindow(channel, size, windowSize);
        FileReader reader = format == FileFormat.PCAPNG ? new PcapngReader(in, progress)
                : new ClassicPcapReader(in, progress, format);
        Damage damage;
        try {
            damage = reader.read(consumer);
        } catch (IOException e) {
            throw new CaptureException("cannot read capture file " + file + ": " + e, e);
        } catch (InternalError e) {
            // a mapped page beyond a file that shrank while being read (SIGBUS turned into an error by the JVM)
            damage = new Damage(reader.pos, "the file shrank while being read, at offset " + reader.pos);
        } finally {
            reader.publish();
        }
        if (damage != null && damage.offset() == 0) {
            throw new CaptureException("capture file " + file + " is not usable: " + damage.message());
        }
        if (damage != null) {
            problem = damage.message();
            LOG.warn("{}: input ended early after {} frames: {}", name(), reader.frames, problem);
        }
    }

    @Override
    public String problem() {
        return problem;
    }

    @Override
    public void breakLoop() {
        progress.requestStop();
    }

    @Override
    public Map<String, Long> stats() {
        Map<String, Long> stats = new LinkedHashMap<>();
        stats.put("frames", progress.frames());
        stats.put("bytes-read", progress.bytesRead());
        stats.put("bytes-total", size);
        return stats;
    }

    @Override
    public String identity() {
        long modified;
        try {
            modified = java.nio.file.Files.getLastModifiedTime(file).toMillis();
        } catch (java.io.IOException e) {
            modified = -1;
        }
        return size + " " + modified + " " + file.toAbsolutePath().normalize();
    }

    @Override
    public String name() {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing {}", channel, e);
        }
    }
}

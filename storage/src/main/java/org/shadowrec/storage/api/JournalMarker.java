package org.shadowrec.storage.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A record the capture side writes into the packet journal between frames, so that processing (now, or re-reading
 * after a restart) knows when capture started and stopped: a frame whose link type is {@link #LINK_TYPE} (no pcap
 * link type has this value; a capture file claiming it has its frames' link type replaced, see
 * {@link #isMarkerLinkType}), capture time = the wall-clock time of the marker, bytes = the text below (UTF-8).
 *
 * <pre>
 * shadowrec-journal-marker 1
 * kind=capture-start | capture-stop
 * mode=live | file
 * resumed=true | false          (capture-start of a replay continuing an interrupted one)
 * source=&lt;identity&gt;            (one line per source, in order: a file's size, time and path, or an interface)
 * </pre>
 *
 * Marker text is compared, never used as a path.
 *
 * @param kind {@link #CAPTURE_START} or {@link #CAPTURE_STOP}
 * @param mode {@code live} or {@code file}
 * @param resumed a replay resumed after an interruption (its frames continue exactly where the journal ended)
 * @param sources the identities of the run's sources, in order
 */
public record JournalMarker(String kind, String mode, boolean resumed, List<String> sources) {
    /** Link type of a marker frame. */
    public static final int LINK_TYPE = 0x5352_4D4B;
    /** Link type given instead to a captured frame that claimed {@link #LINK_TYPE} (unknown to every decoder). */
    public static final int FORGED_LINK_TYPE = -1;
    public static final String CAPTURE_START = "capture-start";
    public static final String CAPTURE_STOP = "capture-stop";
    public static final String LIVE = "live";
    public static final String FILE = "file";

    private static final String MAGIC = "shadowrec-journal-marker 1";
    /** Longest marker accepted when decoding. */
    private static final int MAX_BYTES = 64 * 1024;

    public JournalMarker {
        sources = List.copyOf(sources);
    }

    /** True for the marker link type: a source must not pass it through (use {@link #FORGED_LINK_TYPE}). */
    public static boolean isMarkerLinkType(int linkType) {
        return linkType == LINK_TYPE;
    }

    /** The marker as journal frame bytes. */
    public byte[] encode() {
        StringBuilder b = new StringBuilder(MAGIC).append('\n');
        b.append("kind=").append(kind).append('\n');
        b.append("mode=").append(mode).append('\n');
        b.append("resumed=").append(resumed).append('\n');
        for (String s : sources) {
            b.append("source=").append(s.replace('\n', ' ')).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The marker in a frame of link type {@link #LINK_TYPE}, or null when the bytes are not one. */
    public static JournalMarker decode(byte[] buf, int off, int len) {
        if (len > MAX_BYTES || len < MAGIC.length()) {
            return null;
        }
        String[] lines = new String(buf, off, len, StandardCharsets.UTF_8).split("\n");
        if (!MAGIC.equals(lines[0])) {
            return null;
        }
        String kind = null;
        String mode = null;
        boolean resumed = false;
        List<String> sources = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i];
            if (l.startsWith("kind=")) {
                kind = l.substring(5);
            } else if (l.startsWith("mode=")) {
                mode = l.substring(5);
            } else if (l.startsWith("resumed=")) {
                resumed = Boolean.parseBoolean(l.substring(8));
            } else if (l.startsWith("source=")) {
                sources.add(l.substring(7));
            }
        }
        if (!CAPTURE_START.equals(kind) && !CAPTURE_STOP.equals(kind)) {
            return null;
        }
        return new JournalMarker(kind, mode == null ? "" : mode, resumed, sources);
    }
}

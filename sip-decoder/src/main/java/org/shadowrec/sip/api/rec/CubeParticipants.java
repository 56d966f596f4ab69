package org.shadowrec.sip.api.rec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.shadowrec.sip.api.SipHeader;
import org.shadowrec.sip.api.SipMessage;
import org.shadowrec.sip.internal.rec.AorNumber;

/**
 * Participants of a Cisco CUBE network-based recording leg (CUBE forking towards a MediaSense-style recorder, no XML
 * metadata): one {@code X-Cisco-Recording-Participant} header per forked stream, each with a {@code media-index}
 * naming the m-line that carries it. Several values may also share one header, separated by commas.
 *
 * @param participants in header order; values without a usable {@code media-index} are skipped
 */
public record CubeParticipants(List<CubeParticipant> participants) {
    /** Header name. */
    public static final String HEADER = "X-Cisco-Recording-Participant";
    private static final int MAX_INDEX = 1024;

    public CubeParticipants {
        participants = List.copyOf(participants);
    }

    /** The participants of a message, or null when it has no usable {@code X-Cisco-Recording-Participant}. */
    public static CubeParticipants from(SipMessage message) {
        if (message == null || message.headers() == null) {
            return null;
        }
        List<CubeParticipant> out = new ArrayList<>();
        for (SipHeader h : message.headers()) {
            if (h.name() != null && h.name().trim().equalsIgnoreCase(HEADER) && h.value() != null) {
                for (String v : splitOutsideBrackets(h.value())) {
                    CubeParticipant p = parse(v);
                    if (p != null) {
                        out.add(p);
                    }
                }
            }
        }
        return out.isEmpty() ? null : new CubeParticipants(out);
    }

    /** The participant whose stream is on this m-line index, or null. */
    public CubeParticipant atMediaIndex(int index) {
        for (CubeParticipant p : participants) {
            if (p.mediaIndex() == index) {
                return p;
            }
        }
        return null;
    }

    /**
     * The same information as a {@link RecordingMetadataDoc} of dialect {@code cube}: participant {@code i} (id
     * {@code "cube-<i>"}) sends stream {@code "<media-index>"} whose label is the media index, so
     * {@link ChannelOrder#channels} can map it when the m-lines carry no {@code a=label}.
     */
    public RecordingMetadataDoc toMetadata() {
        List<MetadataParticipant> ps = new ArrayList<>();
        List<MetadataStream> ss = new ArrayList<>();
        for (int i = 0; i < participants.size(); i++) {
            CubeParticipant c = participants.get(i);
            String sid = Integer.toString(c.mediaIndex());
            ps.add(new MetadataParticipant("cube-" + i, null, c.uri(), c.number(), List.of(sid), List.of(), null,
                    null, List.of()));
            if (ss.stream().noneMatch(s -> s.id().equals(sid))) {
                ss.add(new MetadataStream(sid, sid, null, false));
            }
        }
        return new RecordingMetadataDoc("cube", "complete", List.of(), List.of(), ps, ss, List.of(), "");
    }

    private static CubeParticipant parse(String value) {
        String v = value.trim();
        String uriPart;
        String params;
        if (v.startsWith("<") || v.indexOf('<') > 0) {
            int lt = v.indexOf('<');
            int gt = v.indexOf('>', lt);
            if (gt < 0) {
                return null;
            }
            String inside = v.substring(lt + 1, gt);
            int semi = inside.indexOf(';');
            uriPart = semi >= 0 ? inside.substring(0, semi) : inside;
            params = (semi >= 0 ? inside.substring(semi) : "") + v.substring(gt + 1);
        } else {
            int semi = v.indexOf(';');
            uriPart = semi >= 0 ? v.substring(0, semi) : v;
            params = semi >= 0 ? v.substring(semi) : "";
        }
        Integer index = null;
        for (String p : params.split(";")) {
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("media-index")) {
                String n = p.substring(eq + 1).trim();
                if (n.length() >= 2 && n.startsWith("\"") && n.endsWith("\"")) {
                    n = n.substring(1, n.length() - 1).trim();
                }
                try {
                    int i = Integer.parseInt(n);
                    if (i >= 0 && i < MAX_INDEX) {
                        index = i;
                    }
                } catch (NumberFormatException bad) {
                    return null;
                }
            }
        }
        uriPart = uriPart.trim();
        if (index == null || uriPart.isEmpty()) {
            return null;
        }
        return new CubeParticipant(uriPart, AorNumber.of(uriPart), index);
    }

    private static List<String> splitOutsideBrackets(String value) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '<') {
                depth++;
            } else if (!quoted && c == '>' && depth > 0) {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                out.add(value.substring(start, i));
                start = i + 1;
            }
        }
        out.add(value.substring(start));
        return out;
    }
}

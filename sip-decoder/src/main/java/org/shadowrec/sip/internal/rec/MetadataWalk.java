package org.shadowrec.sip.internal.rec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.shadowrec.sip.api.rec.MetadataGroup;
import org.shadowrec.sip.api.rec.MetadataLimits;
import org.shadowrec.sip.api.rec.MetadataParticipant;
import org.shadowrec.sip.api.rec.MetadataResult;
import org.shadowrec.sip.api.rec.MetadataSession;
import org.shadowrec.sip.api.rec.MetadataStream;
import org.shadowrec.sip.api.rec.RecordingMetadataDoc;

/**
 * One pass of {@link MetadataReader} over one document: a stack of open elements, the current session, group,
 * participant and stream, and builders that become the records of {@link RecordingMetadataDoc}. Elements are
 * dispatched on their lower-cased local name and, for times, on their parent element (RFC 7865 §6.1-§6.7 and the
 * draft and vendor layouts listed in {@link RecordingMetadataDoc}).
 */
final class MetadataWalk {

    private final XMLStreamReader r;
    private final MetadataLimits limits;
    private final Deque<Frame> stack = new ArrayDeque<>();
    private int elements;
    private String rootName;
    private String rootNs;
    private String dataMode;
    private boolean vendorAudiocodes;
    private boolean vendorBroadworks;
    private boolean vendorAcme;
    private boolean inlineSendRecv;
    private final ById<SessionB> sessions = new ById<>(SessionB::new);
    private final List<GroupB> groups = new ArrayList<>();
    private final ById<ParticipantB> participants = new ById<>(ParticipantB::new);
    private final List<MetadataStream> streams = new ArrayList<>();
    private final List<String> extensions = new ArrayList<>();
    private SessionB session;
    private GroupB group;
    private ParticipantB participant;
    private StreamB stream;

    MetadataWalk(XMLStreamReader r, MetadataLimits limits) {
        this.r = r;
        this.limits = limits;
    }

    MetadataResult run() throws XMLStreamException {
        while (r.hasNext()) {
            int ev = r.next();
            switch (ev) {
                case XMLStreamConstants.DTD:
                    return new MetadataResult.Failed("dtd-refused", "document type declarations are refused");
                case XMLStreamConstants.ENTITY_REFERENCE:
                    return new MetadataResult.Failed("entity-refused", "entity reference " + r.getLocalName());
                case XMLStreamConstants.START_ELEMENT: {
                    MetadataResult f = start();
                    if (f != null) {
                        return f;
                    }
                    break;
                }
                case XMLStreamConstants.CHARACTERS:
                case XMLStreamConstants.CDATA:
                case XMLStreamConstants.SPACE:
                    if (!stack.isEmpty()) {
                        StringBuilder t = stack.peek().text;
                        if (t.length() + r.getTextLength() > limits.maxTextChars()) {
                            return new MetadataResult.Failed("too-large", "text value over "
                                    + limits.maxTextChars() + " chars");
                        }
                        t.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                    }
                    break;
                case XMLStreamConstants.END_ELEMENT:
                    end(stack.pop());
                    break;
                default:
                    break;
            }
        }
        if (rootName == null) {
            return new MetadataResult.Failed("malformed-xml", "no root element");
        }
        return null;
    }

    private MetadataResult count() {
        if (++elements > limits.maxElements()) {
            return new MetadataResult.Failed("too-many-elements", "more than " + limits.maxElements()
                    + " elements");
        }
        if (stack.size() + 1 > limits.maxDepth()) {
            return new MetadataResult.Failed("too-deep", "nesting deeper than " + limits.maxDepth());
        }
        return null;
    }

    private MetadataResult start() throws XMLStreamException {
        MetadataResult f = count();
        if (f != null) {
            return f;
        }
        String name = r.getLocalName().toLowerCase(Locale.ROOT);
        String ns = r.getNamespaceURI() == null ? "" : r.getNamespaceURI();
        noteVendor(ns, r.getPrefix());
        if (rootName == null) {
            if (!name.equals("recording") && !name.equals("recording_metadata")
                    && !name.equals("recording-metadata")) {
                return new MetadataResult.Failed("not-recording-metadata", "root element " + MetadataReader.clean(name));
            }
            rootName = name;
            rootNs = ns;
            for (int i = 0; i < r.getNamespaceCount(); i++) {
                noteVendor(r.getNamespaceURI(i) == null ? "" : r.getNamespaceURI(i), r.getNamespacePrefix(i));
            }
            stack.push(new Frame(name));
            return null;
        }
        boolean foreign = !ns.isEmpty() && !ns.equals(rootNs) && !isRecordingNs(ns);
        if (name.equals("extensiondata") || foreign) {
            ParticipantB owner = participant;
            String parent = attrOrNull("parent");
            if (owner == null && parent != null) {
                owner = participants.index.get(parent.trim());
            }
            String raw = captureRaw();
            if (raw == null) {
                return new MetadataResult.Failed("too-large", "extension data too large or too deep");
            }
            if (owner != null) {
                owner.extensions.add(raw);
            } else {
                extensions.add(raw);
            }
            return null;
        }
        switch (name) {
            case "group" -> {
                group = new GroupB(attr("group_id", "id"));
                groups.add(group);
            }
            case "session" -> {
                session = session(attr("session_id", "id", "session"));
                String groupRef = attrOrNull("group_ref", "group-ref", "group");
                if (groupRef != null && !groupRef.isBlank()) {
                    session.groupRef = groupRef.trim();
                }
            }
            case "sessionrecordingassoc" -> {
                String id = attr("session_id", "id");
                session = id.isEmpty() ? null : session(id);
            }
            case "participant" -> participant = participant(attr("participant_id", "id"));
            case "participantsessionassoc", "participantstreamassoc" -> {
                String id = attr("participant_id", "id");
                participant = id.isEmpty() ? null : participant(id);
            }
            case "stream" -> {
                String sid = attrOrNull("session_id", "session");
                stream = new StreamB(attr("stream_id", "id"), sid == null || sid.isBlank() ? null : sid.trim());
                String mixed = attrOrNull("mixed");
                stream.mixed = "true".equalsIgnoreCase(mixed) || "1".equals(mixed)
                        || "mixed".equalsIgnoreCase(attrOrNull("mode"));
            }
            case "nameid" -> {
                String aor = attrOrNull("aor");
                if (participant != null && aor != null && !aor.isBlank()) {
                    participant.aor = aor.trim();
                }
            }
            case "send", "recv", "receive" -> {
                if ("participant".equals(parentName())) {
                    inlineSendRecv = true;
                }
            }
            default -> { }
        }
        stack.push(new Frame(name));
        return null;
    }

    private String parentName() {
        return stack.isEmpty() ? null : stack.peek().name;
    }

    private void end(Frame fr) {
        String t = fr.text.toString().trim();
        String parent = parentName();
        switch (fr.name) {
            case "datamode" -> {
                if (stack.size() == 1) {
                    dataMode = t.toLowerCase(Locale.ROOT);
                }
            }
            case "group" -> group = null;
            case "session", "sessionrecordingassoc" -> session = null;
            case "participant", "participantsessionassoc", "participantstreamassoc" -> participant = null;
            case "stream" -> {
                if (stream != null) {
                    streams.add(new MetadataStream(stream.id, stream.label, stream.sessionId, stream.mixed));
                }
                stream = null;
            }
            case "sipsessionid" -> {
                if (session != null && !t.isEmpty()) {
                    session.sipSessionIds.add(t);
                }
            }
            case "start-time" -> time(parent, t, true, true);
            case "stop-time" -> time(parent, t, false, true);
            case "group-ref" -> {
                if (session != null && !t.isEmpty()) {
                    session.groupRef = t;
                }
            }
            case "associate-time" -> time(parent, t, true, false);
            case "disassociate-time" -> time(parent, t, false, false);
            case "name" -> {
                String n = unquote(t);
                if (participant != null && !n.isEmpty() && ("nameid".equals(parent)
                        || "participant".equals(parent))) {
                    participant.name = n;
                }
            }
            case "aor" -> {
                if (participant != null && !t.isEmpty()) {
                    participant.aor = t;
                }
            }
            case "id" -> {
                if (participant != null && !t.isEmpty()) {
                    if ("send".equals(parent)) {
                        participant.sends.add(t);
                    } else if ("recv".equals(parent) || "receive".equals(parent)) {
                        participant.receives.add(t);
                    }
                }
            }
            case "send" -> {
                if (participant != null && !t.isEmpty()) {
                    participant.sends.add(t);
                }
            }
            case "recv", "receive" -> {
                if (participant != null && !t.isEmpty()) {
                    participant.receives.add(t);
                }
            }
            case "label" -> {
                if (stream != null && !t.isEmpty()) {
                    stream.label = t;
                }
            }
            case "mode" -> {
                if (stream != null && t.equalsIgnoreCase("mixed")) {
                    stream.mixed = true;
                }
            }
            default -> { }
        }
    }

    /**
     * A time element, applied to what its parent element describes: start-time / stop-time of a session win over
     * the associate-time / disassociate-time of its {@code sessionrecordingassoc} (or of the session in drafts).
     */
    private static String unquote(String t) {
        String n = t;
        if (n.length() >= 2 && n.startsWith("\"") && n.endsWith("\"")) {
            n = n.substring(1, n.length() - 1).trim();
        }
        return n;
    }

    private void time(String parent, String t, boolean begin, boolean explicit) {
        if (t.isEmpty() || parent == null) {
            return;
        }
        switch (parent) {
            case "participant", "participantsessionassoc" -> {
                if (participant != null && begin && (!explicit || participant.associate == null)) {
                    participant.associate = t;
                } else if (participant != null && !begin && (!explicit || participant.disassociate == null)) {
                    participant.disassociate = t;
                }
            }
            case "group" -> {
                if (group != null && begin) {
                    group.associateTimes.add(t);
                }
            }
            case "session", "sessionrecordingassoc" -> {
                if (session == null) {
                    return;
                }
                if (begin && (explicit || session.start == null)) {
                    session.start = t;
                } else if (!begin && (explicit || session.stop == null)) {
                    session.stop = t;
                }
            }
            default -> { }
        }
    }

    private SessionB session(String id) {
        return sessions.get(id);
    }

    private ParticipantB participant(String id) {
        return participants.get(id);
    }

    /**
     * Elements in document order, each found again by its id; an empty id never matches (each such element is its
     * own). Partial updates merge into the element of the same id.
     */
    private static final class ById<T> {
        final Map<String, T> index = new LinkedHashMap<>();
        final List<T> all = new ArrayList<>();
        private final Function<String, T> make;

        ById(Function<String, T> make) {
            this.make = make;
        }

        T get(String id) {
            T t = id.isEmpty() ? null : index.get(id);
            if (t == null) {
                t = make.apply(id);
                if (!id.isEmpty()) {
                    index.put(id, t);
                }
                all.add(t);
            }
            return t;
        }
    }

    private void noteVendor(String ns, String prefix) {
        String n = ns.toLowerCase(Locale.ROOT);
        if (n.contains("audiocodes") || "ac".equals(prefix)) {
            vendorAudiocodes = true;
        }
        if (n.contains("broadsoft") || n.contains("broadworks") || n.contains(":siprec")) {
            vendorBroadworks = true;
        }
        if (n.contains("acmepacket") || "apkt".equals(prefix)) {
            vendorAcme = true;
        }
    }

    private static boolean isRecordingNs(String ns) {
        return ns.equals(MetadataReader.NS_RFC7865) || ns.equals(MetadataReader.NS_DRAFT) || ns.startsWith("urn:ietf:params:xml:ns:siprec");
    }

    private String attr(String... names) {
        String v = attrOrNull(names);
        return v == null ? "" : v.trim();
    }

    private String attrOrNull(String... names) {
        for (String n : names) {
            for (int i = 0; i < r.getAttributeCount(); i++) {
                if (r.getAttributeLocalName(i).equalsIgnoreCase(n)) {
                    return r.getAttributeValue(i);
                }
            }
        }
        return null;
    }

    /** Serialises the current element and its subtree; null when a limit is hit. */
    private String captureRaw() throws XMLStreamException {
        StringBuilder sb = new StringBuilder();
        Deque<Set<String>> declared = new ArrayDeque<>();
        int depth = 0;
        int ev = XMLStreamConstants.START_ELEMENT;
        while (true) {
            switch (ev) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (depth > 0 && count() != null) {
                        return null;
                    }
                    if (stack.size() + depth + 1 > limits.maxDepth()) {
                        return null;
                    }
                    depth++;
                    Set<String> here = new HashSet<>();
                    sb.append('<').append(XmlText.qname(r.getPrefix(), r.getLocalName()));
                    for (int i = 0; i < r.getNamespaceCount(); i++) {
                        String p = r.getNamespacePrefix(i);
                        here.add(p == null ? "" : p);
                        sb.append(p == null || p.isEmpty() ? " xmlns" : " xmlns:" + p).append("=\"")
                                .append(XmlText.escape(r.getNamespaceURI(i))).append('"');
                    }
                    XmlText.declare(sb, declared, here, r.getPrefix(), r.getNamespaceURI());
                    for (int i = 0; i < r.getAttributeCount(); i++) {
                        String p = r.getAttributePrefix(i);
                        if (p != null && !p.isEmpty()) {
                            XmlText.declare(sb, declared, here, p, r.getAttributeNamespace(i));
                        }
                        sb.append(' ').append(XmlText.qname(p, r.getAttributeLocalName(i))).append("=\"")
                                .append(XmlText.escape(r.getAttributeValue(i))).append('"');
                    }
                    sb.append('>');
                    declared.push(here);
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        sb.append(XmlText.escape(r.getText()));
                case XMLStreamConstants.END_ELEMENT -> {
                    sb.append("</").append(XmlText.qname(r.getPrefix(), r.getLocalName())).append('>');
                    declared.pop();
                    if (--depth == 0) {
                        return sb.toString();
                    }
                }
                case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE -> {
                    throw new XMLStreamException("entity or DTD inside extension data");
                }
                default -> { }
            }
            if (sb.length() > limits.maxTextChars()) {
                return null;
            }
            ev = r.next();
        }
    }

    RecordingMetadataDoc build(String xml) {
        List<MetadataSession> ss = new ArrayList<>();
        for (SessionB s : sessions.all) {
            ss.add(new MetadataSession(s.id, s.sipSessionIds, s.start, s.stop, s.groupRef));
        }
        List<MetadataGroup> gs = new ArrayList<>();
        for (GroupB g : groups) {
            gs.add(new MetadataGroup(g.id, g.associateTimes));
        }
        List<MetadataParticipant> ps = new ArrayList<>();
        for (ParticipantB p : participants.all) {
            ps.add(new MetadataParticipant(p.id, p.name, p.aor, AorNumber.of(p.aor), new ArrayList<>(p.sends),
                    new ArrayList<>(p.receives), p.associate, p.disassociate, p.extensions));
        }
        String mode = dataMode == null || dataMode.isEmpty() ? "complete" : dataMode;
        return new RecordingMetadataDoc(dialect(), mode, ss, gs, ps, streams, extensions, xml);
    }

    private String dialect() {
        if (rootName.startsWith("recording_") || rootName.startsWith("recording-")
                || rootNs.startsWith("urn:ietf:params:xml:ns:siprec") || vendorBroadworks) {
            return "broadworks";
        }
        if (vendorAudiocodes) {
            return "audiocodes";
        }
        if (MetadataReader.NS_DRAFT.equals(rootNs) || vendorAcme) {
            return "acme";
        }
        return inlineSendRecv ? "audiocodes" : "rfc7865";
    }

    private record Frame(String name, StringBuilder text) {
        Frame(String name) {
            this(name, new StringBuilder());
        }
    }

    private static final class SessionB {
        final String id;
        final List<String> sipSessionIds = new ArrayList<>();
        String start;
        String stop;
        String groupRef;

        SessionB(String id) {
            this.id = id;
        }
    }

    private static final class GroupB {
        final String id;
        final List<String> associateTimes = new ArrayList<>();

        GroupB(String id) {
            this.id = id;
        }
    }

    private static final class ParticipantB {
        final String id;
        String name;
        String aor;
        final Set<String> sends = new LinkedHashSet<>();
        final Set<String> receives = new LinkedHashSet<>();
        String associate;
        String disassociate;
        final List<String> extensions = new ArrayList<>();

        ParticipantB(String id) {
            this.id = id;
        }
    }

    private static final class StreamB {
        final String id;
        final String sessionId;
        String label;
        boolean mixed;

        StreamB(String id, String sessionId) {
            this.id = id;
            this.sessionId = sessionId;
        }
    }
}

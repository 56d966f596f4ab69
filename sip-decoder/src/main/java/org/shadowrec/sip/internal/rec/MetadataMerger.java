package org.shadowrec.sip.internal.rec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import org.shadowrec.sip.api.rec.MetadataGroup;
import org.shadowrec.sip.api.rec.MetadataParticipant;
import org.shadowrec.sip.api.rec.MetadataSession;
import org.shadowrec.sip.api.rec.MetadataStream;
import org.shadowrec.sip.api.rec.RecordingMetadataDoc;

/**
 * Applies a partial metadata update (RFC 7866 §8.2.2, RFC 7865 §6 {@code dataMode partial}) to the document it
 * updates. Objects are matched by id; an object with an empty id cannot be matched and is appended.
 */
public final class MetadataMerger {
    private MetadataMerger() {}

    /**
     * The merged document: base when update is null; the update itself when it is complete (a complete snapshot
     * replaces everything); otherwise every object of the update merged into base by id. The result is complete,
     * keeps base's dialect and carries the update's XML.
     */
    public static RecordingMetadataDoc merge(RecordingMetadataDoc base, RecordingMetadataDoc update) {
        if (update == null) {
            return base;
        }
        if (base == null || !update.partial()) {
            return update;
        }
        List<MetadataSession> sessions = mergeById(base.sessions(), update.sessions(), MetadataSession::id,
                MetadataMerger::session);
        List<MetadataGroup> groups = mergeById(base.groups(), update.groups(), MetadataGroup::id,
                (a, b) -> new MetadataGroup(a.id(), union(a.associateTimes(), b.associateTimes())));
        List<MetadataParticipant> participants = mergeById(base.participants(), update.participants(),
                MetadataParticipant::id, MetadataMerger::participant);
        List<MetadataStream> streams = mergeById(base.streams(), update.streams(), MetadataStream::id,
                (a, b) -> new MetadataStream(a.id(), or(b.label(), a.label()), or(b.sessionId(), a.sessionId()),
                        a.mixed() || b.mixed()));
        List<String> ext = new ArrayList<>(base.extensions());
        ext.addAll(update.extensions());
        return new RecordingMetadataDoc(base.dialect(), "complete", sessions, groups, participants, streams, ext,
                update.xml());
    }

    private static MetadataSession session(MetadataSession a, MetadataSession b) {
        return new MetadataSession(a.id(), union(a.sipSessionIds(), b.sipSessionIds()), or(b.startTime(),
                a.startTime()), or(b.stopTime(), a.stopTime()), or(b.groupRef(), a.groupRef()));
    }

    /** Names and times: the update wins where it says something; stream lists: the update's replace when given. */
    private static MetadataParticipant participant(MetadataParticipant a, MetadataParticipant b) {
        String aor = or(b.aor(), a.aor());
        return new MetadataParticipant(a.id(), or(b.name(), a.name()), aor, or(b.number(), a.number()),
                b.sends().isEmpty() && b.receives().isEmpty() ? a.sends() : b.sends(),
                b.sends().isEmpty() && b.receives().isEmpty() ? a.receives() : b.receives(),
                or(b.associateTime(), a.associateTime()), or(b.disassociateTime(), a.disassociateTime()),
                union(a.extensions(), b.extensions()));
    }

    private static <T> List<T> mergeById(List<T> base, List<T> update, Function<T, String> id, BinaryOperator<T> fn) {
        List<T> out = new ArrayList<>(base);
        for (T u : update) {
            String key = id.apply(u);
            int at = -1;
            if (!key.isEmpty()) {
                for (int i = 0; i < out.size(); i++) {
                    if (key.equals(id.apply(out.get(i)))) {
                        at = i;
                        break;
                    }
                }
            }
            if (at >= 0) {
                out.set(at, fn.apply(out.get(at), u));
            } else {
                out.add(u);
            }
        }
        return out;
    }

    private static List<String> union(List<String> a, List<String> b) {
        LinkedHashSet<String> s = new LinkedHashSet<>(a);
        s.addAll(b);
        return new ArrayList<>(s);
    }

    private static String or(String preferred, String fallback) {
        return preferred != null ? preferred : fallback;
    }
}

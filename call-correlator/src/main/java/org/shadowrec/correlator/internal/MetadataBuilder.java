package org.shadowrec.correlator.internal;

import java.util.ArrayList;
import java.util.List;
import org.shadowrec.correlator.api.RecordingMetadata;
import org.shadowrec.rtp.api.DtmfEvent;
import org.shadowrec.rtp.api.RecordingMixer;
import org.shadowrec.rtp.api.StreamStats;

/**
 * The {@code recording.json} document of a finished session (schema 1): start is the origin of the audio, end is
 * start plus the frames written, the parties come from the session's signalling and the streams from the mixer.
 */
final class MetadataBuilder {

    private MetadataBuilder() {}

    /** Call after {@link RecordingMixer#finish}. */
    static RecordingMetadata build(RecordingSession session, String endReason) {
        RecordingMixer mixer = session.mixer();
        SessionSignalling signalling = session.signalling();
        long origin = mixer.originNanos();
        long frames = mixer.framesWritten();
        int rate = mixer.sampleRate();
        long lengthNanos = rate > 0 ? frames / rate * 1_000_000_000L + frames % rate * 1_000_000_000L / rate : 0L;
        double seconds = rate > 0 ? Math.round(frames * 1000.0 / rate) / 1000.0 : 0.0;
        String start = IsoTimes.formatOrNull(origin);
        String end = origin < 0 ? null : IsoTimes.format(origin + lengthNanos);
        List<List<StreamStats>> stats = mixer.stats();
        List<RecordingMetadata.Channel> channels = new ArrayList<>(session.channels());
        for (int c = 0; c < session.channels(); c++) {
            List<StreamStats> s = c < stats.size() ? stats.get(c) : List.of();
            channels.add(new RecordingMetadata.Channel(c, signalling.party(c), streams(s), signalling.label(c),
                    signalling.mixed(c)));
        }
        return new RecordingMetadata(RecordingMetadata.SCHEMA, session.id(), signalling.kind(), start, end, seconds,
                endReason, signalling.primaryRecorder(), List.copyOf(channels), signalling.sip(),
                signalling.related(), signalling.bib(), signalling.siprec(), signalling.recorders(), session.gaps());
    }

    private static List<RecordingMetadata.Stream> streams(List<StreamStats> stats) {
        List<RecordingMetadata.Stream> out = new ArrayList<>(stats.size());
        for (StreamStats s : stats) {
            out.add(new RecordingMetadata.Stream(String.format("0x%08X", s.ssrc() & 0xFFFF_FFFFL), s.src(), s.dst(),
                    s.codec(), s.decoded(), s.packets(), s.lost(), s.duplicates(), s.late(),
                    IsoTimes.formatOrNull(s.firstSeenNanos()), IsoTimes.formatOrNull(s.lastSeenNanos()),
                    dtmf(s.dtmf())));
        }
        return List.copyOf(out);
    }

    private static List<RecordingMetadata.Dtmf> dtmf(List<DtmfEvent> events) {
        if (events == null || events.isEmpty()) {
            return List.of();
        }
        List<RecordingMetadata.Dtmf> out = new ArrayList<>(events.size());
        for (DtmfEvent e : events) {
            out.add(new RecordingMetadata.Dtmf(e.digit(), IsoTimes.format(e.startNanos()), e.durationMillis()));
        }
        return List.copyOf(out);
    }
}

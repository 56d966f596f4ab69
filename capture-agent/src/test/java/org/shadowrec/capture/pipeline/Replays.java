package org.shadowrec.capture.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.shadowrec.capture.api.CaptureException;
import org.shadowrec.capture.api.PacketSource;
import org.shadowrec.capture.source.PcapFileSource;

/** Test helper: replays capture files through the real pipeline and reads back what it wrote. */
final class Replays {
    static final ObjectMapper JSON = new ObjectMapper();

    private Replays() {}

    /** Replays {@code captures} into {@code out} with a journal under {@code work}. */
    static RunResult replay(Path out, Path work, Path... captures) throws IOException, CaptureException {
        return replay(PipelineConfig.defaults(out, Files.createTempDirectory(work, "journal")), captures);
    }

    static RunResult replay(PipelineConfig config, Path... captures) throws IOException, CaptureException {
        List<PacketSource> sources = new ArrayList<>();
        for (Path c : captures) {
            sources.add(PcapFileSource.open(c));
        }
        try {
            return new Pipeline(config, sources, "shutdown").run();
        } finally {
            sources.forEach(PacketSource::close);
        }
    }

    /** Every completed recording directory under {@code out}, sorted by id. */
    static List<Path> recordings(Path out) {
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(p -> Files.exists(p.resolve("recording.json"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(Path recordingDir) {
        try {
            return JSON.readTree(recordingDir.resolve("recording.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

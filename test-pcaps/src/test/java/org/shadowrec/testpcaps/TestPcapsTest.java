package org.shadowrec.testpcaps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestPcapsTest {

    @Test
    void findsTheCommittedCaptures() {
        Path dir = TestPcaps.dir();
        assertEquals("test-pcaps", dir.getFileName().toString());
        assertTrue(Files.isRegularFile(dir.getParent().resolve("pom.xml")));
        assertTrue(Files.isRegularFile(TestPcaps.capture("sip-udp-g711u").resolve("capture.pcap")));
    }

    @Test
    void walksUpFromADeepFolderAndFailsWhenThereIsNone(@TempDir Path tmp) throws Exception {
        Path deep = Files.createDirectories(tmp.resolve("repo/a/b/c"));
        Files.createDirectories(tmp.resolve("repo/test-pcaps"));
        assertThrows(IllegalStateException.class, () -> TestPcaps.dirFrom(deep), "no pom.xml yet");
        Files.writeString(tmp.resolve("repo/pom.xml"), "<project/>");
        assertEquals(tmp.resolve("repo/test-pcaps").toAbsolutePath().normalize(), TestPcaps.dirFrom(deep));
    }
}

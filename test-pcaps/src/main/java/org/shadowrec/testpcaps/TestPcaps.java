package org.shadowrec.testpcaps;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the committed captures from any module's working directory. */
public final class TestPcaps {
    private TestPcaps() {
    }

    /**
     * Walks up from the working directory until a folder holds both {@code test-pcaps/} and {@code pom.xml} (the
     * repository root).
     *
     * @return the {@code test-pcaps} folder
     * @throws IllegalStateException when no such folder is above the working directory
     */
    public static Path dir() {
        return dirFrom(Path.of(System.getProperty("user.dir")));
    }

    /** @return the {@code test-pcaps} folder found walking up from {@code start} */
    public static Path dirFrom(Path start) {
        for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("test-pcaps");
            if (Files.isDirectory(candidate) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no test-pcaps/ next to a pom.xml above " + start);
    }

    /** @return the folder of the capture called {@code name}, e.g. {@code sip-udp-g711u} */
    public static Path capture(String name) {
        return dir().resolve(name);
    }
}

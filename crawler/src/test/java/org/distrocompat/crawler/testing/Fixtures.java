package org.distrocompat.crawler.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** The shared fixtures (../shared): Debian's real, signed mini archive and keyring. Tests skip when absent. */
public final class Fixtures {
    private Fixtures() {
    }

    public static Path shared() {
        String p = System.getProperty("distrocompat.shared");
        Path dir = p == null ? null : Path.of(p);
        assumeTrue(dir != null && Files.isDirectory(dir.resolve("fixtures/debian-mini")),
                "shared fixtures not found (system property distrocompat.shared=" + p + "); skipping");
        return dir;
    }

    public static Path debianMini() {
        return shared().resolve("fixtures/debian-mini");
    }

    public static Path keyring() {
        return shared().resolve("fixtures/keyrings/debian-archive-keyring.gpg");
    }

    /**
     * A copy of the mini archive to tamper with. The fixtures are read-only and a copy keeps their mode: the copy is
     * made writable, which only root could do without (the tests failed for any other user).
     */
    public static Path copyOfDebianMini(Path into) throws IOException {
        Path src = debianMini();
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = into.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                    if (!t.toFile().setWritable(true, true)) {
                        throw new IOException("cannot make the fixture copy " + t + " writable");
                    }
                }
            }
        }
        return into;
    }

    /** Flips one byte of a file at {@code offset} (negative: from the end). */
    public static void flipByte(Path file, long offset) throws IOException {
        byte[] b = Files.readAllBytes(file);
        int i = (int) (offset < 0 ? b.length + offset : offset);
        b[i] ^= 0x20;
        Files.write(file, b);
    }
}

package org.distrocompat.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.distrocompat.db.embedded.PgBinaries;
import org.distrocompat.db.embedded.SafePaths;

/**
 * Fresh distrocompat homes for tests that start the embedded server: the PostgreSQL binaries are copied in from the
 * user's test cache (already unpacked and verified) instead of being unpacked from the xz archive again, which
 * takes seconds per home. The copy is a real one (files, directories and their modes, links, whatever the umask),
 * so a test may damage it.
 */
public final class TestHomes {
    private TestHomes() {
    }

    /** A home at {@code root} whose pg-binaries hold a copy of the verified binaries. */
    public static Home withBinaries(Path root) throws IOException {
        Path source = PgBinaries.prepare(TestDatabase.binariesDirectory()).directory();
        Path target = root.resolve("pg-binaries").resolve(source.getFileName());
        SafePaths.createPrivate(root); // as the embedded server creates a home
        SafePaths.createPrivate(target.getParent());
        try (Stream<Path> all = Files.walk(source)) {
            all.forEach(p -> {
                Path q = target.resolve(source.relativize(p).toString());
                try {
                    if (Files.isSymbolicLink(p)) {
                        Files.createSymbolicLink(q, Files.readSymbolicLink(p));
                    } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        Files.copy(p, q, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS); // its mode too
                    } else {
                        Files.copy(p, q, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return new Home(root);
    }
}

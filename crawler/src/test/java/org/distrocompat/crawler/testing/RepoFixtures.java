package org.distrocompat.crawler.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * The fixtures committed with the project ({@code fixtures/} at the checkout's root, built by
 * {@code fixtures/build.sh}): an Alpine mirror, an Arch Linux mirror and archive, musl wheels.
 */
public final class RepoFixtures {
    private RepoFixtures() {
    }

    /** The {@code fixtures/} directory, found from the module's working directory upwards. */
    public static Path root() {
        Path p = Path.of("").toAbsolutePath();
        for (; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("fixtures/build.sh"))) {
                return p.resolve("fixtures");
            }
        }
        throw new IllegalStateException("fixtures/ not found above " + Path.of("").toAbsolutePath());
    }

    public static Path alpine() {
        return root().resolve("alpine");
    }

    /** The public half of the key the Alpine fixture is signed with. */
    public static Path alpineKey() {
        return alpine().resolve("keys/distrocompat-test-5f0c1a2b.rsa.pub");
    }

    public static Path archlinux() {
        return root().resolve("archlinux");
    }

    public static Path archKeyring() {
        return archlinux().resolve("keyring.gpg");
    }

    public static Path musl() {
        return root().resolve("musl");
    }

    /** A copy of a fixture tree to tamper with (symbolic links are copied as the files they point to). */
    public static Path copy(Path src, Path into) {
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = into.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return into;
    }
}

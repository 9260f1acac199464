package org.distrocompat.crawler.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.distrocompat.crawler.fetch.Sha256;

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

    /** A Packages stanza for an amd64 package under {@code mirror/pool/main/g/file}, with its real size and SHA256. */
    public static String stanza(String name, String version, Path mirror, String file) throws IOException {
        Path f = mirror.resolve("pool/main/g").resolve(file);
        return "Package: " + name + "\nVersion: " + version + "\nArchitecture: amd64\nFilename: pool/main/g/" + file
                + "\nSize: " + Files.size(f) + "\nSHA256: " + Sha256.hex(Files.readAllBytes(f)) + "\n";
    }

    /** Writes an unsigned bookworm/amd64 suite (Release and Packages) listing {@code stanzas} into {@code mirror}. */
    public static void unsignedSuite(Path mirror, List<String> stanzas) throws IOException {
        Path dir = mirror.resolve("dists/bookworm");
        Files.createDirectories(dir.resolve("main/binary-amd64"));
        byte[] packages = String.join("\n", stanzas).getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("main/binary-amd64/Packages"), packages);
        Files.writeString(dir.resolve("Release"), """
                Origin: Test
                Suite: oldstable
                Version: 12.1
                Codename: bookworm
                Date: Sat, 10 Jun 2023 09:00:00 UTC
                Architectures: amd64
                Components: main
                SHA256:
                 %s %d main/binary-amd64/Packages
                """.formatted(Sha256.hex(packages), packages.length));
    }

    /**
     * An unsigned bookworm/amd64 suite in {@code mirror} listing the mini archive's libc6 and the libgcc-s1 build
     * {@code gccDeb} (a path under pool/main/g) as libgcc-s1 {@code gccVersion}; the packages are copied from the mini
     * archive.
     */
    public static void unsignedSuiteWithLibgcc(Path mirror, String gccDeb, String gccVersion) throws IOException {
        Path pool = debianMini().resolve("pool/main/g");
        String libc = "glibc/libc6_2.36-9+deb12u14_amd64.deb";
        for (String f : List.of(libc, gccDeb)) {
            Path target = mirror.resolve("pool/main/g").resolve(f);
            Files.createDirectories(target.getParent());
            Files.copy(pool.resolve(f), target, StandardCopyOption.REPLACE_EXISTING);
        }
        unsignedSuite(mirror, List.of(stanza("libc6", "2.36-9", mirror, libc), stanza("libgcc-s1", gccVersion, mirror, gccDeb)));
    }
}

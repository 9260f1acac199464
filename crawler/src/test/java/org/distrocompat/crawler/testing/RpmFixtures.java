package org.distrocompat.crawler.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The committed rpm-md fixture (a Fedora-like mirror built by {@code crawler/src/test/fixtures/build-rpm-md.sh}): its
 * directory, a copy to tamper with, and its test keys. Works from this module's test classes and from its test-jar.
 */
public final class RpmFixtures {
    public static final String BASE = "releases/40/Everything/x86_64/os";
    public static final String UPDATES = "updates/40/Everything/x86_64";
    public static final String UPDATES_INITIAL = "updates-initial/40/Everything/x86_64";

    private static Path extracted;

    private RpmFixtures() {
    }

    /** The fixture's root (read-only use: copy it before changing anything). */
    public static synchronized Path root() {
        URL url = RpmFixtures.class.getResource("/fixtures/rpm-md/keys/rpm-fixture-keys.asc");
        if (url == null) {
            throw new IllegalStateException("rpm-md fixture not on the test class path");
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return Path.of(url.toURI()).getParent().getParent();
            }
            if (extracted == null) {
                extracted = extract(url);
            }
            return extracted;
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot open the rpm-md fixture: " + e.getMessage(), e);
        }
    }

    /** The armoured public keys of the fixture's RSA and EdDSA test keys. */
    public static Path keys() {
        return root().resolve("keys/rpm-fixture-keys.asc");
    }

    /** A copy of the fixture in {@code into}. */
    public static Path copy(Path into) throws IOException {
        Path src = root();
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = into.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return into;
    }

    private static Path extract(URL keyUrl) throws IOException, URISyntaxException {
        String jar = keyUrl.toString();
        URI jarUri = URI.create(jar.substring(0, jar.indexOf("!/")));
        Path target = Files.createTempDirectory("rpm-md-fixture");
        target.toFile().deleteOnExit();
        try (FileSystem fs = FileSystems.newFileSystem(jarUri, Map.of())) {
            Path src = fs.getPath("/fixtures/rpm-md");
            try (Stream<Path> s = Files.walk(src)) {
                s.forEach(p -> {
                    Path t = target.resolve(src.relativize(p).toString());
                    try {
                        if (Files.isDirectory(p)) {
                            Files.createDirectories(t);
                        } else {
                            try (InputStream in = Files.newInputStream(p)) {
                                Files.copy(in, t);
                            }
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        } catch (UnsupportedOperationException e) {
            throw new IOException("cannot read " + jar, e);
        }
        return target;
    }
}

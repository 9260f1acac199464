package org.distrocompat.crawler.trust;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keyrings named in a source's configuration: a file path ({@code /usr/share/keyrings/debian-archive-keyring.gpg}), or
 * {@code bundled:NAME} for one distrocompat ships in this package's {@code keyrings/} resources (the distros' public
 * signing keys, rebuilt by {@code crawler/tools/bundle-keyrings.sh} from Debian's key packages; every fingerprint is in
 * the README and in {@code keyrings/KEYS.md}).
 */
public final class BundledKeyrings {
    public static final String PREFIX = "bundled:";

    private BundledKeyrings() {
    }

    /** Whether the keyring a reference names can be read: the bundled one exists, or the file does. */
    public static boolean exists(String reference) {
        if (reference.startsWith(PREFIX)) {
            return Keyring.class.getResource(resource(reference)) != null;
        }
        return Files.isRegularFile(Path.of(reference));
    }

    /** The keyring's bytes. */
    static byte[] read(String reference) throws IOException {
        if (!reference.startsWith(PREFIX)) {
            return Files.readAllBytes(Path.of(reference));
        }
        try (InputStream in = Keyring.class.getResourceAsStream(resource(reference))) {
            if (in == null) {
                throw new IOException("no bundled keyring " + reference.substring(PREFIX.length()));
            }
            return in.readAllBytes();
        }
    }

    private static String resource(String reference) {
        String name = reference.substring(PREFIX.length());
        if (name.isEmpty() || name.contains("/") || name.contains("\\")) {
            return "keyrings/-invalid-";
        }
        return "keyrings/" + name;
    }
}

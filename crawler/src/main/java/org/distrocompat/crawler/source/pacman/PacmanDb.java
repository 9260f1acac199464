package org.distrocompat.crawler.source.pacman;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.distrocompat.crawler.archive.Decompression;
import org.distrocompat.crawler.archive.Member;
import org.distrocompat.crawler.archive.MemberReader;
import org.distrocompat.crawler.archive.Format;

/**
 * A pacman sync database: a tar (gzip or zstd, told by its bytes) with one directory per package holding a
 * {@code desc} file of {@code %FIELD%} blocks ({@code %FILENAME%}, {@code %NAME%}, {@code %BASE%},
 * {@code %VERSION%}, {@code %CSIZE%}, {@code %SHA256SUM%}, {@code %PGPSIG%}, {@code %ARCH%}, …).
 */
final class PacmanDb {

    /** One package as the database lists it; {@code pgpSig} is the base64 detached signature, or null. */
    record Entry(String fileName, String name, String base, String version, long size, String sha256, String pgpSig,
            String arch) {
    }

    private PacmanDb() {
    }

    static List<Entry> parse(byte[] db) throws IOException {
        List<Entry> out = new ArrayList<>();
        BufferedInputStream in = new BufferedInputStream(new ByteArrayInputStream(db));
        try (MemberReader tar = MemberReader.open(Format.TAR, Decompression.openByContent(in))) {
            Member m;
            while ((m = tar.next()) != null) {
                if (m.kind() == Member.Kind.FILE && (m.name().endsWith("/desc") || m.name().equals("desc"))) {
                    out.add(entry(m.name(), new String(m.data().readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
        }
        return out;
    }

    static Entry entry(String where, String desc) throws IOException {
        Map<String, String> f = new HashMap<>();
        String key = null;
        StringBuilder value = new StringBuilder();
        for (String line : (desc + "\n").split("\n", -1)) {
            if (line.startsWith("%") && line.endsWith("%") && line.length() > 2) {
                if (key != null) {
                    f.put(key, value.toString().strip());
                }
                key = line.substring(1, line.length() - 1);
                value.setLength(0);
            } else if (key != null && !line.isEmpty()) {
                value.append(value.length() == 0 ? "" : "\n").append(line);
            }
        }
        if (key != null) {
            f.put(key, value.toString().strip());
        }
        for (String required : List.of("FILENAME", "NAME", "VERSION", "SHA256SUM")) {
            if (f.get(required) == null || f.get(required).isEmpty()) {
                throw new IOException("pacman db: " + where + " has no %" + required + "%");
            }
        }
        if (!f.get("SHA256SUM").matches("[0-9a-f]{64}") || f.get("FILENAME").contains("/")) {
            throw new IOException("pacman db: " + where + ": bad %SHA256SUM% or %FILENAME%");
        }
        long size;
        try {
            size = Long.parseLong(f.getOrDefault("CSIZE", "-1"));
        } catch (NumberFormatException e) {
            throw new IOException("pacman db: " + where + ": bad %CSIZE%");
        }
        return new Entry(f.get("FILENAME"), f.get("NAME"), f.getOrDefault("BASE", f.get("NAME")), f.get("VERSION"),
                size, f.get("SHA256SUM"), f.get("PGPSIG"), f.get("ARCH"));
    }

    /**
     * The upstream part of a pacman version: without the epoch ({@code 1:}), the package release ({@code -2}) and a
     * VCS suffix ({@code +r16+gaa533d58ff}): glibc "2.40+r16+gaa533d58ff-2" is 2.40.
     */
    static String upstream(String version) {
        String v = version.replaceFirst("^\\d+:", "").replaceFirst("-[^-]*$", "");
        int plus = v.indexOf('+');
        return plus > 0 ? v.substring(0, plus) : v;
    }
}

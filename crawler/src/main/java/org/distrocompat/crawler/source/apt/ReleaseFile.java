package org.distrocompat.crawler.source.apt;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The facts of a (verified) apt Release file: identity, date, architectures, components and the SHA256 of
 * every index it lists.
 *
 * @param sha256 the digest of the signed file as fetched (InRelease, or Release when detached-signed)
 */
record ReleaseFile(String origin, String label, String suite, String codename, String version,
        OffsetDateTime date, OffsetDateTime validUntil, List<String> architectures, List<String> components,
        boolean acquireByHash, Map<String, Entry> entries, String sha256) {

    /** One index the Release file lists: path relative to the suite directory. */
    public record Entry(String path, String sha256, long size) {
    }

    public ReleaseFile {
        architectures = List.copyOf(architectures);
        components = List.copyOf(components);
        entries = Map.copyOf(entries);
    }

    /** Parses the text of a Release file (the signed part of InRelease). */
    public static ReleaseFile parse(String text, String fileSha256) {
        List<Map<String, String>> ps = Deb822.parse(text);
        if (ps.isEmpty()) {
            throw new IllegalArgumentException("empty Release file");
        }
        Map<String, String> f = ps.get(0);
        Map<String, Entry> entries = new LinkedHashMap<>();
        String sums = f.get("sha256");
        if (sums != null) {
            for (String line : sums.split("\n")) {
                List<String> w = Deb822.words(line);
                if (w.size() == 3) {
                    entries.put(w.get(2), new Entry(w.get(2), w.get(0).toLowerCase(Locale.ROOT), Long.parseLong(w.get(1))));
                }
            }
        }
        return new ReleaseFile(f.get("origin"), f.get("label"), f.get("suite"), f.get("codename"), f.get("version"),
                date(f.get("date")), date(f.get("valid-until")), Deb822.words(f.get("architectures")),
                Deb822.words(f.get("components")), "yes".equalsIgnoreCase(f.getOrDefault("acquire-by-hash", "no")),
                entries, fileSha256);
    }

    /** The major number of Version ("12" for 12.15), or null when the suite has no Version (testing, unstable). */
    public String majorVersion() {
        if (version == null || version.isBlank()) {
            return null;
        }
        int dot = version.indexOf('.');
        return dot < 0 ? version : version.substring(0, dot);
    }

    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss[ z][ Z]",
            Locale.ROOT);

    static OffsetDateTime date(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.strip().replace("UTC", "+0000").replace("GMT", "+0000");
        try {
            return ZonedDateTime.parse(t, DateTimeFormatter.RFC_1123_DATE_TIME).toOffsetDateTime()
                    .withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            try {
                return ZonedDateTime.parse(s.strip(), RFC_2822).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}

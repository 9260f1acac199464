package org.distrocompat.crawler.source.apk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The package list of an APKINDEX: one paragraph per package, one {@code X:value} field per line ({@code C:} the
 * control segment's checksum, {@code P:} name, {@code V:} version, {@code A:} arch, {@code S:} package size,
 * {@code o:} origin, …).
 */
final class ApkIndex {

    /**
     * One package as the index lists it.
     *
     * @param controlSha1 the SHA-1 of the package's control segment (compressed bytes), from {@code C:Q1<base64>}
     */
    record Entry(String name, String version, String arch, long size, String origin, byte[] controlSha1) {

        /** The file name under the arch directory. */
        String fileName() {
            return name + "-" + version + ".apk";
        }
    }

    private ApkIndex() {
    }

    static List<Entry> parse(String text) throws IOException {
        List<Entry> out = new ArrayList<>();
        Map<String, String> fields = new HashMap<>();
        for (String line : (text + "\n\n").split("\n", -1)) {
            if (line.isEmpty()) {
                if (!fields.isEmpty()) {
                    out.add(entry(fields));
                    fields.clear();
                }
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != ':') {
                throw new IOException("APKINDEX: unreadable line '" + abbreviate(line) + "'");
            }
            fields.put(line.substring(0, 1), line.substring(2));
        }
        return out;
    }

    private static Entry entry(Map<String, String> f) throws IOException {
        String name = f.get("P");
        if (name == null || f.get("V") == null || f.get("C") == null) {
            throw new IOException("APKINDEX: a package without P:, V: or C: (" + f.getOrDefault("P", "?") + ")");
        }
        String c = f.get("C");
        if (!c.startsWith("Q1")) {
            throw new IOException("APKINDEX: " + name + ": checksum '" + abbreviate(c) + "' is not an apk v2 (Q1) one");
        }
        byte[] sha1;
        try {
            sha1 = Base64.getDecoder().decode(c.substring(2));
        } catch (IllegalArgumentException e) {
            throw new IOException("APKINDEX: " + name + ": bad checksum '" + abbreviate(c) + "'");
        }
        if (sha1.length != 20) {
            throw new IOException("APKINDEX: " + name + ": checksum is not a SHA-1");
        }
        long size;
        try {
            size = Long.parseLong(f.getOrDefault("S", "-1"));
        } catch (NumberFormatException e) {
            throw new IOException("APKINDEX: " + name + ": bad size '" + f.get("S") + "'");
        }
        return new Entry(name, f.get("V"), f.get("A"), size, f.getOrDefault("o", name), sha1);
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    /**
     * The upstream part of an Alpine version: without the package release ({@code -r4}) and without a suffix such as
     * {@code _git20230717} or {@code _rc2} ("1.2.4_git20230717-r4" is musl 1.2.4).
     */
    static String upstream(String version) {
        String v = version.replaceFirst("-r\\d+$", "");
        int underscore = v.indexOf('_');
        return underscore > 0 ? v.substring(0, underscore) : v;
    }
}

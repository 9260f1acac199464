package org.distrocompat.crawler.run;

import java.util.Locale;
import org.distrocompat.crawler.source.apt.ReleaseFile;

/**
 * A crawled suite's release identity: version ("12" for Debian 12.15, "22.04" for Ubuntu, or the suite name for
 * moving suites without a Version: "testing", "unstable"), codename and status.
 */
public record ReleaseIdentity(String version, String codename, String status) {

    public static ReleaseIdentity of(ReleaseFile r, String path, String versionStyle) {
        String suite = r.suite() == null ? path : r.suite().toLowerCase(Locale.ROOT);
        String version = "full".equals(versionStyle) ? blankToNull(r.version()) : r.majorVersion();
        if (version == null) {
            version = suite;
        }
        String codename = r.codename() == null ? path : r.codename();
        return new ReleaseIdentity(version, codename, status(r, suite));
    }

    static String status(ReleaseFile r, String suite) {
        String label = (r.label() == null ? "" : r.label()).toLowerCase(Locale.ROOT);
        if (label.contains("archive") || suite.startsWith("oldoldold")) {
            return "eol";
        }
        return switch (suite) {
            case "stable", "oldstable", "oldoldstable" -> "supported";
            case "testing" -> "devel";
            case "unstable", "sid" -> "rolling";
            case "experimental" -> "devel";
            default -> r.version() != null && !r.version().isBlank() ? "supported" : "unknown";
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}

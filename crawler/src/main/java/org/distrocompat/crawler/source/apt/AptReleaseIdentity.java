package org.distrocompat.crawler.source.apt;

import java.util.Locale;
import org.distrocompat.crawler.source.ReleaseId;
import org.distrocompat.db.model.Libc;
import org.distrocompat.db.model.ReleaseStatus;

/**
 * A crawled suite's release identity read from its Release file: version ("12" for Debian 12.15, "22.04" for Ubuntu,
 * or the suite name for moving suites without a Version: "testing", "unstable"), codename and status.
 */
final class AptReleaseIdentity {
    private AptReleaseIdentity() {
    }

    static ReleaseId of(AptSourceConfig src, ReleaseFile r, String path) {
        String suite = r.suite() == null ? path : r.suite().toLowerCase(Locale.ROOT);
        String version = "full".equals(src.releaseVersion()) ? blankToNull(r.version()) : r.majorVersion();
        if (version == null) {
            version = suite;
        }
        String codename = r.codename() == null ? path : r.codename();
        ReleaseStatus status = src.archived() ? ReleaseStatus.EOL : status(r, suite);
        return new ReleaseId(src.distro(), src.displayName(), version, codename, status, Libc.GLIBC);
    }

    static ReleaseStatus status(ReleaseFile r, String suite) {
        String label = (r.label() == null ? "" : r.label()).toLowerCase(Locale.ROOT);
        if (label.contains("archive") || suite.startsWith("oldoldold")) {
            return ReleaseStatus.EOL;
        }
        return switch (suite) {
            case "stable", "oldstable", "oldoldstable" -> ReleaseStatus.SUPPORTED;
            case "testing", "experimental" -> ReleaseStatus.DEVEL;
            case "unstable", "sid" -> ReleaseStatus.ROLLING;
            default -> r.version() != null && !r.version().isBlank() ? ReleaseStatus.SUPPORTED : ReleaseStatus.UNKNOWN;
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}

package org.distrocompat.crawler.source.apt;

/** Debian's version syntax, {@code [epoch:]upstream[-revision]}: the one place the project reads it. */
final class DebianVersion {
    private DebianVersion() {
    }

    /** The upstream part: without epoch and Debian revision ("2.36" for "2.36-9+deb12u4", "8.5.0" for "1:8.5.0-1"). */
    static String upstream(String version) {
        if (version == null) {
            return null;
        }
        String v = version;
        int colon = v.indexOf(':');
        if (colon >= 0) {
            v = v.substring(colon + 1);
        }
        int dash = v.lastIndexOf('-');
        if (dash > 0) {
            v = v.substring(0, dash);
        }
        return v;
    }
}

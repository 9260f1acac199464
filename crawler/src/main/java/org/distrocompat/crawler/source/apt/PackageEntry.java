package org.distrocompat.crawler.source.apt;

/**
 * One binary package as a Packages index lists it.
 *
 * @param sourceName    the Source field's name, or the package name when the field is absent
 * @param sourceVersion the version in parentheses of the Source field, or the package version
 */
public record PackageEntry(String name, String version, String architecture, String sourceName,
        String sourceVersion, String filename, long size, String sha256) {

    /** The upstream part of the version: without epoch and Debian revision ("2.36" for "2.36-9+deb12u4"). */
    public static String upstreamVersion(String version) {
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

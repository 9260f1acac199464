package org.distrocompat.crawler.source.apt;

/**
 * One binary package as a Packages index lists it.
 *
 * @param sourceName    the Source field's name, or the package name when the field is absent
 * @param sourceVersion the version in parentheses of the Source field, or the package version
 */
record PackageEntry(String name, String version, String architecture, String sourceName,
        String sourceVersion, String filename, long size, String sha256) {
}

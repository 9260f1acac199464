package org.distrocompat.crawler.source.rpm;

import java.util.List;

/**
 * A package as a repository's primary.xml lists it, for the packages that provide a wanted library.
 *
 * @param sha256    the package file's SHA256 (primary's checksum of type sha256)
 * @param location  where the file is, relative to the repository (or to {@code base} when primary gives one)
 * @param base      primary's {@code xml:base} of the location, or null
 * @param fileTime  when the package entered the repository (seconds since the epoch), or 0
 * @param provides  the wanted library provides the package carries ("libc.so.6()(64bit)", "libgcc_s.so.1")
 */
record PrimaryPackage(String name, String arch, String epoch, String version, String release, String sha256,
        long size, String location, String base, long fileTime, String sourceRpm, List<String> provides) {

    PrimaryPackage {
        provides = List.copyOf(provides);
    }

    RpmVersion evr() {
        int e = epoch == null || epoch.isBlank() ? 0 : Integer.parseInt(epoch.strip());
        return new RpmVersion(e, version, release == null ? "" : release);
    }
}

package org.distrocompat.crawler.source;

/**
 * A package a source selected, in source-neutral terms: the source reads its archive's version syntax, so the
 * rest of the project never parses an epoch or a Debian revision.
 *
 * @param upstreamVersion       the version without epoch and distro revision ("2.36" of "2.36-9+deb12u4")
 * @param sourceName            the source package's name (gcc-12 for libstdc++6), or the package's own
 * @param sourceUpstreamVersion the upstream part of the source package's version
 * @param path                  where the package lives, relative to the mirror ("pool/main/g/glibc/libc6_….deb")
 * @param url                   the absolute URL it is downloaded from
 * @param libc                  whether this package ships the C library (its upstream version is the release's libc
 *                              version, and it must contain libc)
 * @param pocket                the repository or pocket of the release that lists it (an apt suite such as
 *                              "jammy-updates", an rpm-md repository such as "updates")
 */
public record PackageRef(String name, String version, String upstreamVersion, String sourceName, String sourceVersion,
        String sourceUpstreamVersion, String sha256, long size, String path, String url, boolean libc, String pocket) {
}

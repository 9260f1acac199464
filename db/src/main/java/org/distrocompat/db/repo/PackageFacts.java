package org.distrocompat.db.repo;

import java.util.List;

/**
 * A package listed for a release x arch.
 *
 * @param upstreamVersion       the version without the distro's epoch and revision ("2.36" of "2.36-9+deb12u4")
 * @param sourceUpstreamVersion the same of the source package's version (gcc "12.2.0" for libstdc++6)
 * @param pocket                the repository or pocket of the release the package was listed in ("updates",
 *                              "jammy-security"); kept from the first observation of this package file
 * @param libraries             the libraries read from the package, or null when a package with this SHA256 is
 *                              stored already (its library links are then copied, nothing is downloaded)
 */
public record PackageFacts(String name, String version, String upstreamVersion, String sourceName,
        String sourceVersion, String sourceUpstreamVersion, String sha256, long size, String url, String pocket,
        List<LibraryFacts> libraries) {

    public PackageFacts {
        libraries = libraries == null ? null : List.copyOf(libraries);
    }
}

package org.distrocompat.db.repo;

import java.time.OffsetDateTime;
import java.util.List;
import org.distrocompat.db.model.Arch;
import org.distrocompat.db.model.Libc;
import org.distrocompat.db.model.ReleaseStatus;

/**
 * Everything stored for one crawled release x arch, written in one transaction.
 *
 * @param libcVersion    the C library's upstream version from its package, or null to keep the stored one
 * @param metadataDate   the date of the archive's signed metadata (apt Release, rpm-md repomd.xml), or null
 * @param location       the mirror the cell was read from (provenance)
 * @param metadataSha256 the signed metadata seen (crawl state: unchanged means nothing more to fetch)
 * @param indexSha256    the package index seen (crawl state: unchanged means no package changed)
 */
public record CellFacts(String distro, String distroDisplayName, String release, String codename,
        ReleaseStatus status, Libc libc, String libcVersion, OffsetDateTime metadataDate, Arch arch,
        String sourceName, String location, String metadataSha256, String indexSha256, List<PackageFacts> packages) {

    public CellFacts {
        packages = List.copyOf(packages);
    }
}

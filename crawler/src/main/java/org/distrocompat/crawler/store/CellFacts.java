package org.distrocompat.crawler.store;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Everything stored for one release x arch in one transaction.
 *
 * @param libcVersion     glibc's upstream version from the libc6 package, or null to keep the stored one
 * @param releaseSha256   the signed Release file seen (crawl state)
 * @param packagesSha256  the Packages index seen (crawl state)
 */
public record CellFacts(String distro, String distroDisplayName, String release, String codename, String status,
        String libcVersion, OffsetDateTime suiteDate, String arch, String sourceName, String location,
        String releaseSha256, String packagesSha256, List<PackageFacts> packages) {
}

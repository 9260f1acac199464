package org.distrocompat.db.repo;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.distrocompat.db.model.Arch;
import org.distrocompat.db.model.Libc;
import org.distrocompat.db.model.ReleaseStatus;

/**
 * One release x arch of an imported dataset, stored as a whole in one transaction.
 *
 * @param status        the status to give a release that has none yet (a stored one is kept)
 * @param libcVersion   the dataset's glibc version (ignored for releases whose libc facts were crawled)
 * @param recordSha256  the record's hash: an unchanged record is not written again
 * @param prefixes      the prefixes the record looked at (a prefix without versions means "none")
 * @param versionNames  every version name, prefix included (GLIBC_2.17)
 * @param symbols       exported symbols per soname the record lists (libz.so.1)
 */
public record ImportedCellFacts(String distro, String release, ReleaseStatus status, Libc libc, String libcVersion,
        Arch arch, String recordSha256, String recordPath, Set<String> prefixes, List<String> versionNames,
        Map<String, Set<String>> symbols) {
}

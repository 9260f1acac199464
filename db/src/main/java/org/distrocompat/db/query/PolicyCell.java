package org.distrocompat.db.query;

import java.util.Map;
import java.util.Set;
import org.distrocompat.db.model.Arch;
import org.distrocompat.db.model.Libc;
import org.distrocompat.db.model.Provenance;
import org.distrocompat.db.model.ReleaseStatus;

/**
 * What the database knows about one release x arch, as the policy generator needs it.
 *
 * @param versions        prefix -> effective version names (crawled where crawled, else imported)
 * @param coveredPrefixes prefixes whose absence means "none" rather than "not looked at": for imported
 *                        cells the prefixes the record lists (possibly with no versions), for crawled cells
 *                        the prefixes found
 * @param sonames         sonames the cell is known to ship (crawled libraries; empty for imported-only cells)
 * @param symbols         soname -> exported symbols, "name" or "name@@VERSION" / "name@VERSION"
 */
public record PolicyCell(
        int releaseArchId,
        String distro,
        String release,
        ReleaseStatus status,
        Arch arch,
        Libc libc,
        String glibc,
        Provenance provenance,
        Map<String, Set<String>> versions,
        Set<String> coveredPrefixes,
        Set<String> sonames,
        Map<String, Set<String>> symbols) {

    /** distro-release, the name explanations use (photon-3.0). */
    public String label() {
        return distro + "-" + release;
    }

    public boolean crawled() {
        return provenance == Provenance.CRAWLED;
    }
}

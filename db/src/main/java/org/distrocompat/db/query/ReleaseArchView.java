package org.distrocompat.db.query;

import java.util.List;
import java.time.LocalDate;
import java.util.Map;
import java.util.SortedMap;
import org.distrocompat.db.model.Arch;
import org.distrocompat.db.model.Libc;
import org.distrocompat.db.model.Provenance;
import org.distrocompat.db.model.ReleaseStatus;

/**
 * One stored release x arch with its effective version sets: {@code versions} maps each prefix to every
 * defined version name of that prefix (sorted, numeric first), {@code max} each prefix to its highest
 * numeric version. {@code sonames} maps each prefix to the sonames that define it (empty for imported cells).
 * {@code releaseDate} and {@code eolDate} are the release's dates where known (null otherwise).
 */
public record ReleaseArchView(
        int releaseArchId,
        String distro,
        String distroDisplayName,
        String release,
        String codename,
        ReleaseStatus status,
        Arch arch,
        Libc libc,
        String glibc,
        Provenance provenance,
        SortedMap<String, List<String>> versions,
        SortedMap<String, String> max,
        Map<String, List<String>> versionsBySoname,
        LocalDate releaseDate,
        LocalDate eolDate) {
}

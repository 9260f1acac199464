package org.distrocompat.db.repo;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.distrocompat.db.Database;
import org.distrocompat.db.model.Libc;
import org.distrocompat.db.model.Provenance;

/**
 * Writes an imported dataset (pep600_compliance records): the dataset's distros and source first, then each
 * release x arch in a transaction of its own that replaces the cell's imported data as a whole, skipped when the
 * record's hash is the one stored. Crawled facts about a release win: an import never overwrites a crawled
 * release's libc facts or a status a crawler stored.
 */
public final class ImportedCells {
    private final Database db;

    public ImportedCells(Database db) {
        this.db = db;
    }

    /** Creates (or finds) the distros with their display names and the dataset's source; returns the source id. */
    public int source(Map<String, String> distroDisplayNames, String sourceName, String location) {
        return db.jdbi().inTransaction(h -> {
            ReleaseRepository releases = h.attach(ReleaseRepository.class);
            distroDisplayNames.forEach(releases::upsertDistro);
            return releases.upsertSource(Provenance.IMPORTED.dbName(), sourceName, location);
        });
    }

    /** Stores one cell; false when the stored record is the same (nothing written). */
    public boolean write(ImportedCellFacts c, int sourceId, String sourceName, Long runId) {
        return db.jdbi().inTransaction(h -> {
            ReleaseRepository releases = h.attach(ReleaseRepository.class);
            ImportRepository imports = h.attach(ImportRepository.class);
            String arch = c.arch().wheelName();
            Optional<String> stored = imports.recordSha256(c.distro(), c.release(), arch, sourceName);
            if (stored.isPresent() && stored.get().equals(c.recordSha256())) {
                return false;
            }
            // a status a crawler (or an earlier import) stored is kept; a new release gets the dataset's
            String status = imports.releaseStatus(c.distro(), c.release()).isPresent() ? null : c.status().dbName();
            // libc facts of a release that was crawled come from the crawl
            Libc libc = imports.releaseCrawled(c.distro(), c.release()) ? null : c.libc();
            int distroId = releases.upsertDistro(c.distro(), releases.displayName(c.distro()).orElse(c.distro()));
            int releaseId = releases.upsertRelease(distroId, c.release(), null, status,
                    libc == null ? null : libc.dbName(), libc == Libc.GLIBC ? c.libcVersion() : null, null, null, null);
            int cell = releases.upsertReleaseArch(releaseId, arch);
            imports.deleteCell(cell, sourceName);
            imports.insertCell(cell, sourceId, c.libcVersion(), c.recordSha256(), c.recordPath(), runId);
            if (!c.prefixes().isEmpty()) {
                imports.insertPrefixes(cell, sourceId, c.prefixes());
            }
            if (!c.versionNames().isEmpty()) {
                imports.insertVersions(cell, sourceId, c.versionNames());
            }
            c.symbols().forEach((soname, names) -> imports.insertSymbols(cell, sourceId, soname, names));
            return true;
        });
    }

    /** A version name a crawled cell defines. */
    public record CrawledVersion(String distro, String release, String arch, String name) {
    }

    /** Every version name of every crawled cell (to compare imported records with). */
    public List<CrawledVersion> crawledVersions() {
        return db.jdbi().withExtension(ImportRepository.class, ImportRepository::crawledVersions);
    }
}

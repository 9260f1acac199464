package org.distrocompat.db.repo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
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

    /**
     * Stores many cells in one transaction, bulk-loaded with COPY (the baseline's 510 records in well under a second
     * where a transaction per cell takes seconds); the same rules as {@link #write}: unchanged records are skipped, a
     * stored status and crawled libc facts are kept. Returns how many cells were written.
     */
    public int writeAll(List<ImportedCellFacts> cells, int sourceId, String sourceName, Long runId) {
        return db.jdbi().inTransaction(h -> {
            ReleaseRepository releases = h.attach(ReleaseRepository.class);
            Map<String, String> storedSha = new HashMap<>();
            h.createQuery("""
                            SELECT d.name || '|' || r.version || '|' || ra.arch, i.record_sha256 FROM imported_release_arch i
                            JOIN release_arch ra ON ra.id = i.release_arch_id JOIN release r ON r.id = ra.release_id
                            JOIN distro d ON d.id = r.distro_id JOIN source s ON s.id = i.source_id
                            WHERE s.provenance = 'imported' AND s.name = :name""")
                    .bind("name", sourceName)
                    .map((rs, ctx) -> storedSha.put(rs.getString(1), rs.getString(2))).list();
            Map<String, Boolean> crawledRelease = new HashMap<>();
            h.createQuery("""
                            SELECT d.name || '|' || r.version, EXISTS (SELECT 1 FROM release_arch ra JOIN package p
                                   ON p.release_arch_id = ra.id AND p.current WHERE ra.release_id = r.id)
                            FROM release r JOIN distro d ON d.id = r.distro_id""")
                    .map((rs, ctx) -> crawledRelease.put(rs.getString(1), rs.getBoolean(2))).list();
            Map<String, Integer> distroIds = new HashMap<>();
            Map<String, Integer> releaseIds = new HashMap<>();
            List<Integer> replaced = new ArrayList<>();
            StringBuilder cellRows = new StringBuilder();
            StringBuilder prefixRows = new StringBuilder();
            StringBuilder versionRows = new StringBuilder();
            StringBuilder symbolRows = new StringBuilder();
            int written = 0;
            for (ImportedCellFacts c : cells) {
                String arch = c.arch().wheelName();
                String releaseKey = c.distro() + "|" + c.release();
                if (c.recordSha256().equals(storedSha.get(releaseKey + "|" + arch))) {
                    continue;
                }
                int distroId = distroIds.computeIfAbsent(c.distro(),
                        d -> releases.upsertDistro(d, releases.displayName(d).orElse(d)));
                Integer releaseId = releaseIds.get(releaseKey);
                if (releaseId == null) {
                    Boolean crawled = crawledRelease.get(releaseKey);
                    String status = crawled != null ? null : c.status().dbName();
                    Libc libc = Boolean.TRUE.equals(crawled) ? null : c.libc();
                    releaseId = releases.upsertRelease(distroId, c.release(), null, status,
                            libc == null ? null : libc.dbName(), libc == Libc.GLIBC ? c.libcVersion() : null, null, null,
                            null);
                    releaseIds.put(releaseKey, releaseId);
                }
                int cell = releases.upsertReleaseArch(releaseId, arch);
                if (storedSha.containsKey(releaseKey + "|" + arch)) {
                    replaced.add(cell);
                }
                row(cellRows, cell, sourceId, c.libcVersion(), c.recordSha256(), c.recordPath(),
                        runId == null ? null : runId.toString());
                c.prefixes().forEach(prefix -> row(prefixRows, cell, sourceId, prefix));
                new LinkedHashSet<>(c.versionNames()).forEach(name -> row(versionRows, cell, sourceId, name));
                c.symbols().forEach((soname, names) -> names.forEach(n -> row(symbolRows, cell, sourceId, soname, n)));
                written++;
            }
            if (!replaced.isEmpty()) {
                h.createUpdate("""
                                DELETE FROM imported_release_arch i USING source s
                                WHERE i.source_id = s.id AND s.provenance = 'imported' AND s.name = :name
                                  AND i.release_arch_id IN (<cells>)""")
                        .bind("name", sourceName).bindList("cells", replaced).execute();
            }
            Copy.in(h, "COPY imported_release_arch (release_arch_id, source_id, glibc_version, record_sha256, record_path, "
                    + "crawl_run_id) FROM STDIN", cellRows);
            Copy.in(h, "COPY imported_prefix (release_arch_id, source_id, prefix) FROM STDIN", prefixRows);
            Copy.in(h, "COPY imported_version (release_arch_id, source_id, name) FROM STDIN", versionRows);
            Copy.in(h, "COPY imported_symbol (release_arch_id, source_id, soname, name) FROM STDIN", symbolRows);
            return written;
        });
    }

    /** One COPY text row: values tab-separated, null as \N. */
    private static void row(StringBuilder sb, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append('\t');
            }
            sb.append(values[i] == null ? "\\N" : Copy.escape(values[i].toString()));
        }
        sb.append('\n');
    }

    /** Whether the database never held a release nor recorded a crawl or import run. */
    public boolean isEmptyDatabase() {
        return db.jdbi().withHandle(h -> h.createQuery(
                "SELECT NOT EXISTS (SELECT 1 FROM release) AND NOT EXISTS (SELECT 1 FROM crawl_run)")
                .mapTo(Boolean.class).one());
    }

    /** A version name a crawled cell defines. */
    public record CrawledVersion(String distro, String release, String arch, String name) {
    }

    /** Every version name of every crawled cell (to compare imported records with). */
    public List<CrawledVersion> crawledVersions() {
        return db.jdbi().withExtension(ImportRepository.class, ImportRepository::crawledVersions);
    }
}

package org.distrocompat.db.repo;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Imported datasets (pep600_compliance records): one row per release x arch x source with the record's
 * hash, its version names, the prefixes it covers and the exported symbols it lists. A cell's imported
 * data is replaced as a whole, inside the caller's transaction.
 */
interface ImportRepository {

    /** The stored record hash of a cell for a source, if that cell was imported from it. */
    @SqlQuery("""
            SELECT i.record_sha256 FROM imported_release_arch i
            JOIN release_arch ra ON ra.id = i.release_arch_id
            JOIN release r ON r.id = ra.release_id
            JOIN distro d ON d.id = r.distro_id
            JOIN source s ON s.id = i.source_id
            WHERE d.name = :distro AND r.version = :release AND ra.arch = :arch AND s.provenance = 'imported'
              AND s.name = :sourceName""")
    Optional<String> recordSha256(@Bind("distro") String distro, @Bind("release") String release,
            @Bind("arch") String arch, @Bind("sourceName") String sourceName);

    /** Removes the cell's data from every source of that name (the dataset may have moved directories). */
    @SqlUpdate("""
            DELETE FROM imported_release_arch i USING source s
            WHERE i.source_id = s.id AND i.release_arch_id = :cell AND s.provenance = 'imported' AND s.name = :sourceName""")
    void deleteCell(@Bind("cell") int releaseArchId, @Bind("sourceName") String sourceName);

    @SqlUpdate("""
            INSERT INTO imported_release_arch (release_arch_id, source_id, glibc_version, record_sha256, record_path,
                                               crawl_run_id)
            VALUES (:cell, :source, :glibc, :sha, :path, :run)""")
    void insertCell(@Bind("cell") int releaseArchId, @Bind("source") int sourceId, @Bind("glibc") String glibcVersion,
            @Bind("sha") String recordSha256, @Bind("path") String recordPath, @Bind("run") Long crawlRunId);

    @SqlBatch("INSERT INTO imported_prefix (release_arch_id, source_id, prefix) VALUES (:cell, :source, :prefix)")
    void insertPrefixes(@Bind("cell") int releaseArchId, @Bind("source") int sourceId, @Bind("prefix") Iterable<String> prefixes);

    @SqlBatch("""
            INSERT INTO imported_version (release_arch_id, source_id, name) VALUES (:cell, :source, :name)
            ON CONFLICT DO NOTHING""")
    void insertVersions(@Bind("cell") int releaseArchId, @Bind("source") int sourceId, @Bind("name") Iterable<String> names);

    @SqlBatch("""
            INSERT INTO imported_symbol (release_arch_id, source_id, soname, name) VALUES (:cell, :source, :soname, :name)
            ON CONFLICT DO NOTHING""")
    void insertSymbols(@Bind("cell") int releaseArchId, @Bind("source") int sourceId, @Bind("soname") String soname,
            @Bind("name") Iterable<String> names);

    /** Whether the release has a status already (set by a crawler or an earlier import). */
    @SqlQuery("""
            SELECT r.status FROM release r JOIN distro d ON d.id = r.distro_id
            WHERE d.name = :distro AND r.version = :release""")
    Optional<String> releaseStatus(@Bind("distro") String distro, @Bind("release") String release);

    /** Whether any arch of the release has crawled packages (crawled facts about the release then win). */
    @SqlQuery("""
            SELECT EXISTS (SELECT 1 FROM package p
                           JOIN release_arch ra ON ra.id = p.release_arch_id
                           JOIN release r ON r.id = ra.release_id
                           JOIN distro d ON d.id = r.distro_id
                           WHERE d.name = :distro AND r.version = :release AND p.current)""")
    boolean releaseCrawled(@Bind("distro") String distro, @Bind("release") String release);

    /** Every version name of every crawled cell (to compare imported records with). */
    @SqlQuery("""
            SELECT DISTINCT d.name AS distro, r.version AS release, ra.arch, ev.name
            FROM effective_version ev
            JOIN release_arch ra ON ra.id = ev.release_arch_id
            JOIN release r ON r.id = ra.release_id
            JOIN distro d ON d.id = r.distro_id
            WHERE ev.provenance = 'crawled'""")
    @RegisterConstructorMapper(ImportedCells.CrawledVersion.class)
    List<ImportedCells.CrawledVersion> crawledVersions();
}

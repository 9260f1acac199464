package org.distrocompat.db.repo;

import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.distrocompat.db.Database;
import org.distrocompat.db.error.DistrocompatException;
import org.distrocompat.db.model.Arch;
import org.distrocompat.db.model.Provenance;
import org.jdbi.v3.core.Handle;

/**
 * Writes a crawled release x arch into the schema in one transaction, so a reader never sees half a
 * release: release facts, package observations with history (first_seen/last_seen/current), content-addressed
 * libraries with every version definition and exported symbol (bulk-loaded with COPY), and the cell's crawl
 * state. Libraries already stored (same SHA256) are linked, not re-inserted. Also answers what an incremental
 * crawl asks before it fetches anything: the stored crawl states and which packages are stored already.
 */
public final class CellRepository {
    private final Database db;

    public CellRepository(Database db) {
        this.db = db;
    }

    /** SHA256s of packages whose libraries are stored already (in any cell): no need to download them. */
    public Set<String> knownPackages(Set<String> sha256s) {
        if (sha256s.isEmpty()) {
            return Set.of();
        }
        return db.jdbi().withHandle(h -> new HashSet<>(h.createQuery(
                        "SELECT DISTINCT sha256 FROM package WHERE sha256 IN (<shas>)")
                .bindList("shas", new ArrayList<>(sha256s)).mapTo(String.class).list()));
    }

    /** A release x arch of one distro. */
    public record CellKey(String release, Arch arch) {
    }

    /** The crawl states of every stored cell of a distro. */
    public Map<CellKey, CellState> states(String distro) {
        Map<CellKey, CellState> out = new HashMap<>();
        db.jdbi().useHandle(h -> h.createQuery("""
                        SELECT r.version, ra.arch, ra.release_file_sha256, ra.packages_sha256
                        FROM release_arch ra JOIN release r ON r.id = ra.release_id JOIN distro d ON d.id = r.distro_id
                        WHERE d.name = :distro""")
                .bind("distro", distro)
                .map((rs, ctx) -> {
                    out.put(new CellKey(rs.getString(1), Arch.parse(rs.getString(2))),
                            new CellState(rs.getString(3), rs.getString(4)));
                    return null;
                }).list());
        return out;
    }

    /** A cell found unchanged: its signed metadata (or its package index) is the one stored. */
    public record Unchanged(CellKey cell, String metadataSha256) {
    }

    /**
     * Unchanged cells: the listed packages are still current. Bumps their last_seen and the cells' crawl state,
     * all in one transaction.
     */
    public void touch(String distro, List<Unchanged> cells, long runId) {
        if (cells.isEmpty()) {
            return;
        }
        db.jdbi().useTransaction(h -> {
            for (Unchanged c : cells) {
                Optional<Integer> ra = h.createQuery("""
                                SELECT ra.id FROM release_arch ra JOIN release r ON r.id = ra.release_id
                                JOIN distro d ON d.id = r.distro_id
                                WHERE d.name = :distro AND r.version = :release AND ra.arch = :arch""")
                        .bind("distro", distro).bind("release", c.cell().release())
                        .bind("arch", c.cell().arch().wheelName())
                        .mapTo(Integer.class).findOne();
                if (ra.isEmpty()) {
                    continue;
                }
                h.createUpdate("""
                                UPDATE package SET last_seen = now(), last_crawl_run_id = :run
                                WHERE release_arch_id = :ra AND current""")
                        .bind("ra", ra.get()).bind("run", runId).execute();
                h.createUpdate("""
                                UPDATE release_arch SET release_file_sha256 = :rel, crawled_at = now(), crawl_run_id = :run
                                WHERE id = :ra""")
                        .bind("ra", ra.get()).bind("rel", c.metadataSha256()).bind("run", runId).execute();
            }
        });
    }

    /** What a write changed, and the version names a new package version no longer defines. */
    public record Result(int packagesAdded, int librariesAdded, List<Drop> drops) {
        public Result {
            drops = List.copyOf(drops);
        }
    }

    /** A new package version that no longer defines version names its predecessor in the cell defined. */
    public record Drop(String packageName, String oldVersion, String newVersion, List<String> dropped) {
        public Drop {
            dropped = List.copyOf(dropped);
        }
    }

    public Result write(CellFacts cell, long runId) {
        return db.jdbi().inTransaction(h -> {
            ReleaseRepository repo = h.attach(ReleaseRepository.class);
            int distroId = repo.upsertDistro(cell.distro(), cell.distroDisplayName());
            int releaseId = repo.upsertRelease(distroId, cell.release(), cell.codename(), cell.status().dbName(),
                    cell.libc().dbName(), cell.libcVersion(), null, null, cell.metadataDate());
            int ra = repo.upsertReleaseArch(releaseId, cell.arch().wheelName());
            int sourceId = repo.upsertSource(Provenance.CRAWLED.dbName(), cell.sourceName(), cell.location());
            // serialise writers of the same cell (two crawls at once): the second waits, then sees the first's rows
            h.createQuery("SELECT id FROM release_arch WHERE id = :ra FOR UPDATE").bind("ra", ra).mapTo(Integer.class).one();

            List<Long> ids = new ArrayList<>();
            List<Long> inserted = new ArrayList<>();
            int packagesAdded = 0;
            int librariesAdded = 0;
            for (PackageFacts p : cell.packages()) {
                Map<String, Object> row = h.createQuery("""
                                INSERT INTO package (release_arch_id, source_id, name, version, upstream_version, source_name,
                                                     source_version, source_upstream_version, sha256, size, url, pocket,
                                                     first_crawl_run_id, last_crawl_run_id)
                                VALUES (:ra, :src, :name, :version, :upstream, :sourceName, :sourceVersion, :sourceUpstream,
                                        :sha, :size, :url, :pocket, :run, :run)
                                ON CONFLICT (release_arch_id, name, sha256) DO UPDATE
                                    SET last_seen = now(), current = true, last_crawl_run_id = :run
                                RETURNING id, (xmax = 0) AS inserted""")
                        .bind("ra", ra).bind("src", sourceId).bind("name", p.name()).bind("version", p.version())
                        .bind("upstream", p.upstreamVersion()).bind("sourceName", p.sourceName())
                        .bind("sourceVersion", p.sourceVersion()).bind("sourceUpstream", p.sourceUpstreamVersion())
                        .bind("sha", p.sha256()).bind("size", p.size()).bind("url", p.url()).bind("pocket", p.pocket())
                        .bind("run", runId)
                        .mapToMap().one();
                long id = ((Number) row.get("id")).longValue();
                ids.add(id);
                if (!Boolean.TRUE.equals(row.get("inserted"))) {
                    continue;
                }
                packagesAdded++;
                inserted.add(id);
                if (p.libraries() == null) {
                    h.createUpdate("""
                                    INSERT INTO package_library (package_id, library_id, path, soname)
                                    SELECT :id, pl.library_id, pl.path, pl.soname FROM package_library pl
                                    WHERE pl.package_id = (SELECT min(o.id) FROM package o
                                                           WHERE o.sha256 = :sha AND o.id <> :id)""")
                            .bind("id", id).bind("sha", p.sha256()).execute();
                    continue;
                }
                for (LibraryFacts lib : p.libraries()) {
                    long[] libId = library(h, lib);
                    librariesAdded += (int) libId[1];
                    h.createUpdate("""
                                    INSERT INTO package_library (package_id, library_id, path, soname)
                                    VALUES (:p, :l, :path, :soname) ON CONFLICT DO NOTHING""")
                            .bind("p", id).bind("l", libId[0]).bind("path", lib.path()).bind("soname", lib.soname())
                            .execute();
                }
            }
            List<Drop> drops = drops(h, ra, inserted, ids, runId);
            if (ids.isEmpty()) {
                h.createUpdate("UPDATE package SET current = false WHERE release_arch_id = :ra AND current")
                        .bind("ra", ra).execute();
            } else {
                h.createUpdate("UPDATE package SET current = false WHERE release_arch_id = :ra AND current AND id NOT IN (<ids>)")
                        .bind("ra", ra).bindList("ids", ids).execute();
            }
            h.createUpdate("""
                            UPDATE release_arch SET source_id = :src, release_file_sha256 = :rel, packages_sha256 = :pkgs,
                                   crawled_at = now(), crawl_run_id = :run
                            WHERE id = :ra""")
                    .bind("ra", ra).bind("src", sourceId).bind("rel", cell.metadataSha256())
                    .bind("pkgs", cell.indexSha256()).bind("run", runId).execute();
            return new Result(packagesAdded, librariesAdded, drops);
        });
    }

    /**
     * For each newly stored package, the version names the current package of the same name it replaces defined and
     * it does not; each is recorded in {@code version_drop} for the run. Runs before the old rows stop being current.
     */
    private static List<Drop> drops(Handle h, int ra, List<Long> inserted, List<Long> ids, long runId) {
        List<Drop> out = new ArrayList<>();
        for (long id : inserted) {
            List<Map<String, Object>> rows = h.createQuery("""
                            SELECT o.name, o.version AS old_version, n.version AS new_version,
                                   array_agg(DISTINCT vd.name ORDER BY vd.name) AS dropped
                            FROM package n
                            JOIN package o ON o.release_arch_id = n.release_arch_id AND o.name = n.name AND o.current
                                          AND o.id NOT IN (<ids>)
                            JOIN package_library pl ON pl.package_id = o.id
                            JOIN version_definition vd ON vd.library_id = pl.library_id AND NOT vd.is_base
                            WHERE n.id = :id
                              AND vd.name NOT IN (SELECT nvd.name FROM package_library npl
                                                  JOIN version_definition nvd ON nvd.library_id = npl.library_id
                                                  WHERE npl.package_id = n.id)
                            GROUP BY o.name, o.version, n.version""")
                    .bind("id", id).bindList("ids", ids).mapToMap().list();
            for (Map<String, Object> r : rows) {
                String[] dropped;
                try {
                    dropped = (String[]) ((Array) r.get("dropped")).getArray();
                } catch (SQLException e) {
                    throw new DistrocompatException("cannot read dropped versions: " + e.getMessage(), e);
                }
                Drop d = new Drop((String) r.get("name"), (String) r.get("old_version"), (String) r.get("new_version"),
                        List.of(dropped));
                h.createUpdate("""
                                INSERT INTO version_drop (crawl_run_id, release_arch_id, package_name, old_version, new_version,
                                                          dropped)
                                VALUES (:run, :ra, :name, :old, :new, :dropped)""")
                        .bind("run", runId).bind("ra", ra).bind("name", d.packageName()).bind("old", d.oldVersion())
                        .bind("new", d.newVersion()).bind("dropped", dropped).execute();
                out.add(d);
            }
        }
        return out;
    }

    /** The library's id and 1 when this call inserted it (with its definitions and symbols), else 0. */
    private static long[] library(Handle h, LibraryFacts lib) {
        Optional<Long> inserted = h.createQuery("""
                        INSERT INTO library (sha256, soname, size, machine, arch) VALUES (:sha, :soname, :size, :machine, :arch)
                        ON CONFLICT (sha256) DO NOTHING RETURNING id""")
                .bind("sha", lib.sha256()).bind("soname", lib.elfSoname()).bind("size", lib.size())
                .bind("machine", lib.machine()).bind("arch", lib.arch()).mapTo(Long.class).findOne();
        if (inserted.isEmpty()) {
            long id = h.createQuery("SELECT id FROM library WHERE sha256 = :sha").bind("sha", lib.sha256())
                    .mapTo(Long.class).one();
            return new long[] {id, 0};
        }
        long id = inserted.get();
        StringBuilder defs = new StringBuilder();
        Set<Integer> seenIdx = new HashSet<>();
        for (LibraryFacts.Definition d : lib.definitions()) {
            if (!seenIdx.add(d.index())) {
                continue;
            }
            defs.append(id).append('\t').append(d.index()).append('\t').append(escape(d.name())).append('\t')
                    .append(d.flags()).append('\t').append(d.base() ? 't' : 'f').append('\n');
        }
        copy(h, "COPY version_definition (library_id, idx, name, flags, is_base) FROM STDIN", defs);
        Map<String, LibraryFacts.Symbol> symbols = new LinkedHashMap<>();
        for (LibraryFacts.Symbol s : lib.symbols()) {
            String version = s.version() == null ? "" : s.version();
            symbols.putIfAbsent(s.name() + '\0' + version, s);
        }
        StringBuilder syms = new StringBuilder(symbols.size() * 48);
        for (LibraryFacts.Symbol s : symbols.values()) {
            syms.append(id).append('\t').append(escape(s.name())).append('\t')
                    .append(escape(s.version() == null ? "" : s.version())).append('\t').append(s.hidden() ? 't' : 'f')
                    .append('\t').append(escape(s.type())).append('\t').append(escape(s.binding())).append('\n');
        }
        copy(h, "COPY library_symbol (library_id, name, version, hidden, type, binding) FROM STDIN", syms);
        return new long[] {id, 1};
    }

    private static void copy(Handle h, String sql, StringBuilder rows) {
        Copy.in(h, sql, rows);
    }

    /** COPY text format: backslash, tab, newline and carriage return escaped. */
    static String escape(String s) {
        return Copy.escape(s);
    }
}

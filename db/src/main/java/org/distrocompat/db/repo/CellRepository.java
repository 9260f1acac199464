package org.distrocompat.db.repo;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
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
import org.postgresql.PGConnection;

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

    /** What a write changed. */
    public record Result(int packagesAdded, int librariesAdded) {
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
            return new Result(packagesAdded, librariesAdded);
        });
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
        if (rows.length() == 0) {
            return;
        }
        try {
            Connection c = h.getConnection();
            c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(rows.toString()));
        } catch (SQLException | IOException e) {
            throw new DistrocompatException("bulk load failed: " + e.getMessage(), e);
        }
    }

    /** COPY text format: backslash, tab, newline and carriage return escaped. */
    static String escape(String s) {
        if (s.indexOf('\\') < 0 && s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }
}

package org.distrocompat.db.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.distrocompat.db.model.Arch;
import org.distrocompat.db.model.Libc;
import org.distrocompat.db.model.Provenance;
import org.distrocompat.db.model.ReleaseStatus;
import org.distrocompat.db.model.SymbolVersions;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads every stored release x arch with the facts policy derivation needs: effective version sets (view
 * effective_version), which prefixes an imported record covered, the sonames crawled cells ship, and the
 * exported symbols the database holds (imported libz.so.1 lists, crawled library_symbol rows).
 */
public final class PolicyFacts {
    private final Jdbi jdbi;

    public PolicyFacts(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    private record Cell(int id, String distro, String release, String status, String arch, String libc,
            String glibc, String provenance) {
    }

    public List<PolicyCell> cells() {
        return jdbi.withHandle(this::read);
    }

    private List<PolicyCell> read(Handle h) {
        List<Cell> cells = h.createQuery("""
                SELECT ra.id, d.name, r.version, r.status, ra.arch, r.libc, r.libc_version, p.provenance
                FROM release_arch ra
                JOIN release r ON r.id = ra.release_id
                JOIN distro d ON d.id = r.distro_id
                JOIN release_arch_provenance p ON p.release_arch_id = ra.id
                WHERE p.provenance IS NOT NULL
                ORDER BY d.name, r.version, ra.arch""")
                .map((rs, ctx) -> new Cell(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)))
                .list();
        Map<Integer, Map<String, Set<String>>> versions = new HashMap<>();
        h.createQuery("SELECT DISTINCT release_arch_id, name FROM effective_version")
                .map((rs, ctx) -> Map.entry(rs.getInt(1), rs.getString(2)))
                .forEach(e -> versions.computeIfAbsent(e.getKey(), k -> new TreeMap<>())
                        .computeIfAbsent(SymbolVersions.prefix(e.getValue()), k -> new HashSet<>())
                        .add(SymbolVersions.version(e.getValue())));
        Map<Integer, Set<String>> covered = new HashMap<>();
        h.createQuery("SELECT DISTINCT release_arch_id, prefix FROM imported_prefix")
                .map((rs, ctx) -> Map.entry(rs.getInt(1), rs.getString(2)))
                .forEach(e -> covered.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).add(e.getValue()));
        Map<Integer, Set<String>> sonames = new HashMap<>();
        h.createQuery("""
                SELECT DISTINCT p.release_arch_id, pl.soname FROM package p
                JOIN package_library pl ON pl.package_id = p.id WHERE p.current""")
                .map((rs, ctx) -> Map.entry(rs.getInt(1), rs.getString(2)))
                .forEach(e -> sonames.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).add(e.getValue()));
        Map<Integer, Map<String, Set<String>>> symbols = new HashMap<>();
        h.createQuery("SELECT release_arch_id, soname, name FROM imported_symbol")
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                .forEach(r -> symbols.computeIfAbsent(Integer.parseInt(r[0]), k -> new TreeMap<>())
                        .computeIfAbsent(r[1], k -> new HashSet<>()).add(r[2]));
        // crawled symbols replace imported ones for the same soname
        Map<Integer, Map<String, Set<String>>> crawledSymbols = new HashMap<>();
        h.createQuery("""
                SELECT DISTINCT p.release_arch_id, pl.soname, ls.name, ls.version, ls.hidden
                FROM package p
                JOIN package_library pl ON pl.package_id = p.id
                JOIN library_symbol ls ON ls.library_id = pl.library_id
                WHERE p.current""")
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2),
                        rs.getString(4).isEmpty() ? rs.getString(3)
                                : rs.getString(3) + (rs.getBoolean(5) ? "@" : "@@") + rs.getString(4)})
                .forEach(r -> crawledSymbols.computeIfAbsent(Integer.parseInt(r[0]), k -> new TreeMap<>())
                        .computeIfAbsent(r[1], k -> new HashSet<>()).add(r[2]));
        crawledSymbols.forEach((cell, bySoname) -> symbols.computeIfAbsent(cell, k -> new TreeMap<>()).putAll(bySoname));

        List<PolicyCell> out = new ArrayList<>();
        for (Cell c : cells) {
            Map<String, Set<String>> v = versions.getOrDefault(c.id(), Map.of());
            Provenance provenance = Provenance.fromDb(c.provenance());
            boolean crawled = provenance == Provenance.CRAWLED;
            Set<String> cov = new TreeSet<>(crawled ? v.keySet() : covered.getOrDefault(c.id(), v.keySet()));
            out.add(new PolicyCell(c.id(), c.distro(), c.release(), ReleaseStatus.fromDb(c.status()),
                    Arch.parse(c.arch()), Libc.fromDb(c.libc()), c.glibc(), provenance, v, cov,
                    sonames.getOrDefault(c.id(), Set.of()), symbols.getOrDefault(c.id(), Map.of())));
        }
        return out;
    }
}

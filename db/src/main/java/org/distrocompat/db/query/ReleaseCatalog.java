package org.distrocompat.db.query;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.distrocompat.db.model.Arch;
import org.distrocompat.db.model.Libc;
import org.distrocompat.db.model.Provenance;
import org.distrocompat.db.model.ReleaseStatus;
import org.distrocompat.db.model.SymbolVersions;
import org.jdbi.v3.core.Jdbi;

/** Reads the stored release x arch cells with their effective (crawled, else imported) version sets. */
public final class ReleaseCatalog {
    private final Jdbi jdbi;

    public ReleaseCatalog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    private record Cell(int id, String distro, String display, String release, String codename, String status,
            String arch, String libc, String glibc, String provenance, LocalDate releaseDate, LocalDate eolDate) {
    }

    private record Definition(int cell, String soname, String name) {
    }

    /** Every cell that has data, ordered by distro, release (numerically where possible) and arch. */
    public List<ReleaseArchView> list() {
        return jdbi.withHandle(h -> {
            List<Cell> cells = h.createQuery("""
                    SELECT ra.id, d.name AS distro, d.display_name, r.version, r.codename, r.status, ra.arch,
                           r.libc, r.libc_version, p.provenance, r.release_date, r.eol_date
                    FROM release_arch ra
                    JOIN release r ON r.id = ra.release_id
                    JOIN distro d ON d.id = r.distro_id
                    JOIN release_arch_provenance p ON p.release_arch_id = ra.id
                    WHERE p.provenance IS NOT NULL""")
                    .map((rs, ctx) -> new Cell(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                            rs.getString(10), rs.getObject(11, LocalDate.class), rs.getObject(12, LocalDate.class)))
                    .list();
            Map<Integer, List<Definition>> defs = new LinkedHashMap<>();
            h.createQuery("SELECT DISTINCT release_arch_id, soname, name FROM effective_version")
                    .map((rs, ctx) -> new Definition(rs.getInt(1), rs.getString(2), rs.getString(3)))
                    .forEach(d -> defs.computeIfAbsent(d.cell(), k -> new ArrayList<>()).add(d));
            List<ReleaseArchView> views = new ArrayList<>();
            for (Cell c : cells) {
                views.add(view(c, defs.getOrDefault(c.id(), List.of())));
            }
            views.sort(ORDER);
            return views;
        });
    }

    private static ReleaseArchView view(Cell c, List<Definition> defs) {
        Map<String, TreeSet<String>> byPrefix = new TreeMap<>();
        Map<String, TreeSet<String>> bySoname = new TreeMap<>();
        for (Definition d : defs) {
            byPrefix.computeIfAbsent(SymbolVersions.prefix(d.name()), k -> new TreeSet<>(SymbolVersions.VERSION_ORDER))
                    .add(SymbolVersions.version(d.name()));
            if (d.soname() != null) {
                bySoname.computeIfAbsent(d.soname(), k -> new TreeSet<>()).add(d.name());
            }
        }
        SortedMap<String, List<String>> versions = new TreeMap<>();
        SortedMap<String, String> max = new TreeMap<>();
        byPrefix.forEach((prefix, set) -> {
            versions.put(prefix, List.copyOf(set));
            set.stream().filter(SymbolVersions::isNumeric).max(SymbolVersions::compareNumeric)
                    .ifPresent(m -> max.put(prefix, m));
        });
        Map<String, List<String>> sonames = new TreeMap<>();
        bySoname.forEach((k, v) -> sonames.put(k, List.copyOf(v)));
        return new ReleaseArchView(c.id(), c.distro(), c.display(), c.release(), c.codename(),
                ReleaseStatus.fromDb(c.status()), Arch.parse(c.arch()), Libc.fromDb(c.libc()), c.glibc(),
                Provenance.fromDb(c.provenance()), versions, max, sonames, c.releaseDate(), c.eolDate());
    }

    /** Release order within a distro: numeric versions ascending ("9" before "10"), then named suites. */
    public static final Comparator<String> RELEASE_ORDER = (a, b) -> {
        String na = a.replaceAll("[^0-9.].*$", "");
        String nb = b.replaceAll("[^0-9.].*$", "");
        boolean numA = !na.isEmpty() && SymbolVersions.isNumeric(na);
        boolean numB = !nb.isEmpty() && SymbolVersions.isNumeric(nb);
        if (numA && numB) {
            int c = SymbolVersions.compareNumeric(na, nb);
            return c != 0 ? c : a.compareTo(b);
        }
        if (numA != numB) {
            return numA ? -1 : 1;
        }
        return a.compareTo(b);
    };

    private static final Comparator<ReleaseArchView> ORDER = Comparator.comparing(ReleaseArchView::distro)
            .thenComparing(ReleaseArchView::release, RELEASE_ORDER)
            .thenComparing(v -> v.arch().wheelName());
}

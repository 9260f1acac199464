package org.distrocompat.db.query;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Jdbi;

/**
 * The package history of a release, per arch: every observation of a crawled package (a version as listed
 * by the archive between first_seen and last_seen) with the version names its libraries define, and what
 * each observation added or removed compared with the previous one of the same package. This answers
 * "when did Debian 12 gain GLIBCXX_3.4.31?" without any other source than the crawls themselves. musl has no
 * symbol versions: what a musl release's libc defines is the names it exports, so there "defines" lists those
 * ("when did Alpine 3.17 gain qsort_r?").
 */
public final class ReleaseHistory {
    private final Jdbi jdbi;

    public ReleaseHistory(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * One package version as observed in one release x arch.
     *
     * @param pocket the repository or pocket it was listed in ("updates", "jammy-security"), or null when not recorded
     */
    public record Observation(String packageName, String version, String pocket, OffsetDateTime firstSeen,
            OffsetDateTime lastSeen, boolean current, SortedSet<String> defines, SortedSet<String> gained,
            SortedSet<String> lost, boolean first) {
    }

    /** A crawl that found a new package version no longer defining version names its predecessor defined. */
    public record Drop(long runId, OffsetDateTime foundAt, String packageName, String oldVersion, String newVersion,
            List<String> dropped) {
    }

    /**
     * The observations of one release x arch, grouped by package, oldest first, and the drops crawls found;
     * {@code libc} and {@code libcVersion} are the release's C library (glibc or musl) and its version.
     */
    public record ArchHistory(String distro, String release, String codename, String arch,
            Map<String, List<Observation>> packages, List<Drop> drops, String libc, String libcVersion) {

        /** The first observation whose libraries define {@code versionName}, if any. */
        public Optional<Observation> firstDefining(String versionName) {
            return packages.values().stream().flatMap(List::stream)
                    .filter(o -> o.defines().contains(versionName))
                    .min(Comparator.comparing(Observation::firstSeen));
        }

        /** For every version name any observation defines, the first observation that defined it. */
        public Map<String, Observation> firstDefinitions() {
            Map<String, Observation> first = new TreeMap<>();
            packages.values().stream().flatMap(List::stream).sorted(Comparator.comparing(Observation::firstSeen))
                    .forEach(o -> o.defines().forEach(name -> first.putIfAbsent(name, o)));
            return first;
        }
    }

    private List<Drop> drops(String distro, String release, String arch) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT v.crawl_run_id, v.found_at, v.package_name, v.old_version, v.new_version, v.dropped
                        FROM version_drop v
                        JOIN release_arch ra ON ra.id = v.release_arch_id
                        JOIN release r ON r.id = ra.release_id
                        JOIN distro d ON d.id = r.distro_id
                        WHERE d.name = :distro AND r.version = :release AND ra.arch = :arch
                        ORDER BY v.id""")
                .bind("distro", distro).bind("release", release).bind("arch", arch)
                .map((rs, ctx) -> new Drop(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
                        rs.getString(4), rs.getString(5), List.of((String[]) rs.getArray(6).getArray())))
                .list());
    }

    private record Row(String distro, String release, String codename, String arch, long packageId, String name,
            String version, String pocket, OffsetDateTime firstSeen, OffsetDateTime lastSeen, boolean current,
            String definition, String libc, String libcVersion) {
    }

    /**
     * The history of {@code release} (its version, e.g. "12", or its codename, e.g. "bookworm") of
     * {@code distro}, for one arch or all ({@code arch} null), ordered by arch.
     */
    public List<ArchHistory> of(String distro, String release, String arch) {
        List<Row> rows = jdbi.withHandle(h -> h.createQuery("""
                SELECT d.name, r.version, r.codename, ra.arch, p.id, p.name AS pname, p.version AS pversion,
                       p.first_seen, p.last_seen, p.current, def.name AS vname, r.libc, r.libc_version, p.pocket
                FROM release_arch ra
                JOIN release r ON r.id = ra.release_id
                JOIN distro d ON d.id = r.distro_id
                JOIN package p ON p.release_arch_id = ra.id
                LEFT JOIN LATERAL (
                    SELECT vd.name FROM package_library pl
                    JOIN version_definition vd ON vd.library_id = pl.library_id AND NOT vd.is_base
                    WHERE pl.package_id = p.id
                    UNION
                    SELECT ls.name FROM package_library pl
                    JOIN library_symbol ls ON ls.library_id = pl.library_id
                    WHERE pl.package_id = p.id AND r.libc = 'musl' AND pl.soname LIKE 'libc.musl-%'
                ) AS def(name) ON true
                WHERE d.name = :distro AND (r.version = :release OR r.codename = :release)
                  AND (CAST(:arch AS text) IS NULL OR ra.arch = :arch)
                ORDER BY ra.arch, p.name, p.first_seen, p.id""")
                .bind("distro", distro).bind("release", release).bind("arch", arch)
                .map((rs, ctx) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getString(6), rs.getString(7), rs.getString(14),
                        rs.getObject(8, OffsetDateTime.class), rs.getObject(9, OffsetDateTime.class), rs.getBoolean(10),
                        rs.getString(11), rs.getString(12), rs.getString(13)))
                .list());
        Map<String, Map<String, Map<Long, Row>>> heads = new LinkedHashMap<>();
        Map<Long, SortedSet<String>> defs = new LinkedHashMap<>();
        for (Row r : rows) {
            heads.computeIfAbsent(r.arch(), a -> new LinkedHashMap<>())
                    .computeIfAbsent(r.name(), n -> new LinkedHashMap<>())
                    .putIfAbsent(r.packageId(), r);
            SortedSet<String> set = defs.computeIfAbsent(r.packageId(), id -> new TreeSet<>());
            if (r.definition() != null) {
                set.add(r.definition());
            }
        }
        List<ArchHistory> result = new ArrayList<>();
        heads.forEach((a, byPackage) -> {
            Row any = byPackage.values().iterator().next().values().iterator().next();
            Map<String, List<Observation>> packages = new LinkedHashMap<>();
            byPackage.forEach((name, observations) -> {
                List<Observation> list = new ArrayList<>();
                SortedSet<String> previous = null;
                for (Row o : observations.values()) {
                    SortedSet<String> now = defs.get(o.packageId());
                    SortedSet<String> gained = new TreeSet<>(now);
                    SortedSet<String> lost = new TreeSet<>();
                    if (previous != null) {
                        gained.removeAll(previous);
                        lost.addAll(previous);
                        lost.removeAll(now);
                    }
                    list.add(new Observation(name, o.version(), o.pocket(), o.firstSeen(), o.lastSeen(), o.current(),
                            now, gained, lost, previous == null));
                    previous = now;
                }
                packages.put(name, list);
            });
            result.add(new ArchHistory(any.distro(), any.release(), any.codename(), a, packages,
                    drops(any.distro(), any.release(), a), any.libc(), any.libcVersion()));
        });
        return result;
    }
}

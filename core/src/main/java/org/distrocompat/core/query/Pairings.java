package org.distrocompat.core.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.distrocompat.db.model.Libc;
import org.distrocompat.db.snapshot.SnapshotCell;
import org.distrocompat.db.snapshot.SnapshotLibrary;

/**
 * gcc/glibc pairings per release x arch: glibc, the gcc version that built libstdc++ and libgcc_s (the upstream
 * part of their source packages' versions), and the highest GLIBC/GLIBCXX/CXXABI/GCC; plus the groups of
 * releases on one arch with the same glibc but a different libstdc++ (Debian 8 and Ubuntu 14.04: glibc 2.19,
 * GLIBCXX up to 3.4.20 and 3.4.19).
 */
public final class Pairings {
    public static final List<String> PREFIXES = List.of("GLIBC", "GLIBCXX", "CXXABI", "GCC");

    public record Row(SnapshotCell cell, String glibc, String libstdcxxGcc, String libstdcxxSource,
            String libgccGcc, String libgccSource, Map<String, String> max) {
    }

    /** Releases of one arch sharing a glibc version but not their libstdc++ (by max GLIBCXX and gcc). */
    public record Group(String arch, String glibc, List<Row> rows) {
    }

    private Pairings() {
    }

    public static List<Row> rows(List<SnapshotCell> cells) {
        List<Row> rows = new ArrayList<>();
        for (SnapshotCell c : cells) {
            SnapshotLibrary cxx = library(c, "libstdc++.so.6");
            SnapshotLibrary gcc = library(c, "libgcc_s.so.1");
            Map<String, String> max = new LinkedHashMap<>();
            for (String p : PREFIXES) {
                max.put(p, CheckQuery.maxVersion(c, p));
            }
            rows.add(new Row(c, c.glibc(), upstream(cxx), source(cxx), upstream(gcc), source(gcc), max));
        }
        return rows;
    }

    public static List<Group> sameGlibcDifferentLibstdcxx(List<Row> rows) {
        Map<String, List<Row>> byKey = new TreeMap<>();
        for (Row r : rows) {
            if (r.glibc() != null && r.cell().libc() == Libc.GLIBC) {
                byKey.computeIfAbsent(r.cell().arch() + " " + r.glibc(), k -> new ArrayList<>()).add(r);
            }
        }
        List<Group> groups = new ArrayList<>();
        for (List<Row> g : byKey.values()) {
            long distinct = g.stream().map(r -> r.max().get("GLIBCXX") + "/" + r.max().get("CXXABI")).distinct().count();
            if (g.size() > 1 && distinct > 1) {
                groups.add(new Group(g.get(0).cell().arch().wheelName(), g.get(0).glibc(), g));
            }
        }
        return groups;
    }

    private static SnapshotLibrary library(SnapshotCell c, String soname) {
        return c.libraries().stream().filter(l -> l.soname().equals(soname)).findFirst().orElse(null);
    }

    private static String source(SnapshotLibrary l) {
        if (l == null) {
            return null;
        }
        String name = l.sourceName() != null && !l.sourceName().isBlank() ? l.sourceName() : l.packageName();
        String version = l.sourceVersion() != null && !l.sourceVersion().isBlank() ? l.sourceVersion() : l.packageVersion();
        return name + " " + version;
    }

    /** The upstream version of the package's source (gcc 12.2.0 for libstdc++6 12.2.0-14), as its source read it. */
    static String upstream(SnapshotLibrary l) {
        return l == null ? null : l.sourceUpstreamVersion();
    }
}

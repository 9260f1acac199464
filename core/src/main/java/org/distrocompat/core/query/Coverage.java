package org.distrocompat.core.query;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.distrocompat.core.calendar.ReleaseCalendar;
import org.distrocompat.core.calendar.SupportStatus;
import org.distrocompat.core.policy.Policy;
import org.distrocompat.db.model.Arch;
import org.distrocompat.db.model.Libc;
import org.distrocompat.db.model.SymbolVersions;
import org.distrocompat.db.snapshot.SnapshotCell;

/**
 * Which share of the releases supported on a date each manylinux_2_Y reaches on one arch: a release is reached when
 * its glibc is 2.Y or newer (PEP 600's promise) and it defines every version name the policy allows there, for each
 * prefix the release's data records (a release that lacks an allowed GLIBCXX version would fail a wheel using it).
 * Shared by {@code coverage} and the HTTP API; the release data is a snapshot's cells, support comes from
 * {@link ReleaseCalendar}.
 */
public final class Coverage {

    /** A release this policy does not reach, and why ("glibc 2.17", "lacks GLIBCXX_3.4.25"). */
    public record Miss(SnapshotCell cell, SupportStatus support, String reason) {
    }

    /** One policy's reach. */
    public record Row(Policy policy, List<SnapshotCell> reached, List<Miss> misses) {
        public int total() {
            return reached.size() + misses.size();
        }

        /** The reached share in percent. */
        public double share() {
            return total() == 0 ? 0 : 100.0 * reached.size() / total();
        }
    }

    /** The answer: the releases counted (supported on the date) and one row per policy of the arch, oldest first. */
    public record Report(Arch arch, LocalDate asOf, boolean includeExtended, List<SnapshotCell> releases,
            Map<SnapshotCell, SupportStatus> support, List<Row> rows) {
    }

    private Coverage() {
    }

    public static Report of(List<SnapshotCell> cells, ReleaseCalendar calendar, List<Policy> policies, Arch arch,
            LocalDate asOf, boolean includeExtended) {
        List<SnapshotCell> counted = new ArrayList<>();
        Map<SnapshotCell, SupportStatus> support = new IdentityHashMap<>();
        Set<String> numbered = new HashSet<>();
        cells.forEach(c -> numbered.add(c.distro() + " " + c.release() + " " + c.arch()));
        for (SnapshotCell c : cells) {
            if (c.arch() != arch || c.libc() != Libc.GLIBC || minor(c.glibc()) < 0) {
                continue;
            }
            // a release stored under its codename as well as its number (pep600's debian-bullseye) counts once
            String cycle = calendar.entryFor(c.distro(), c.release(), c.codename()).map(e -> e.cycle()).orElse(null);
            if (cycle != null && !cycle.equals(c.release()) && numbered.contains(c.distro() + " " + cycle + " " + arch)) {
                continue;
            }
            SupportStatus s = calendar.status(c.distro(), c.release(), c.codename(), c.status(), asOf);
            if (s.supported(includeExtended)) {
                counted.add(c);
                support.put(c, s);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Policy p : policies) {
            Map<String, List<String>> allowed = p.symbolVersions().get(arch.wheelName());
            if (allowed == null || p.libcVersion().isEmpty()) {
                continue;
            }
            int y = p.libcVersion().get().minor();
            List<SnapshotCell> reached = new ArrayList<>();
            List<Miss> misses = new ArrayList<>();
            for (SnapshotCell c : counted) {
                String why = minor(c.glibc()) < y ? "glibc " + c.glibc() : lacking(c, allowed);
                if (why == null) {
                    reached.add(c);
                } else {
                    misses.add(new Miss(c, support.get(c), why));
                }
            }
            rows.add(new Row(p, reached, misses));
        }
        return new Report(arch, asOf, includeExtended, counted, support, rows);
    }

    /** "lacks GLIBCXX_3.4.25 (+2 more)" for the first allowed name the cell does not define, or null. */
    private static String lacking(SnapshotCell c, Map<String, List<String>> allowed) {
        Set<String> defined = new HashSet<>();
        if (c.isCrawled()) {
            c.libraries().forEach(l -> defined.addAll(l.versions()));
        } else {
            defined.addAll(c.importedVersions());
        }
        Set<String> recorded = new HashSet<>();
        defined.forEach(n -> recorded.add(SymbolVersions.prefix(n)));
        List<String> missing = new ArrayList<>();
        allowed.forEach((prefix, versions) -> {
            if (recorded.contains(prefix)) {
                versions.stream().map(v -> prefix + "_" + v).filter(n -> !defined.contains(n)).forEach(missing::add);
            }
        });
        if (missing.isEmpty()) {
            return null;
        }
        return "lacks " + missing.get(0) + (missing.size() > 1 ? " (+" + (missing.size() - 1) + " more)" : "");
    }

    private static int minor(String glibc) {
        if (glibc == null) {
            return -1;
        }
        String[] parts = glibc.split("\\.");
        try {
            return parts.length >= 2 && parts[0].equals("2") ? Integer.parseInt(parts[1]) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

package org.distrocompat.api.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.distrocompat.api.json.Json;
import org.distrocompat.api.json.ReleaseJson;
import org.distrocompat.core.query.ReleaseFilter;
import org.distrocompat.core.calendar.ReleaseCalendar;
import org.distrocompat.core.calendar.SupportStatus;
import org.distrocompat.db.Database;
import org.distrocompat.db.model.Arch;
import org.distrocompat.db.model.Libc;
import org.distrocompat.db.query.ReleaseArchView;
import org.distrocompat.db.query.ReleaseCatalog;
import org.distrocompat.db.repo.CalendarStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code releases}: the stored release x arch cells with their symbol-version maxima. */
@Command(name = "releases", header = "List stored release x arch cells with their version maxima",
        mixinStandardHelpOptions = true,
        description = "List the stored release x arch cells with their libc (glibc, or musl with its version) and the "
                + "highest GLIBC/GLIBCXX/CXXABI/GCC")
final class ReleasesCommand extends CommandBase implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Option(names = "--json", description = "print a JSON array (distro, release, codename, arch, glibc, versions, max, ...)")
    boolean json;

    @Option(names = "--distro", description = "only this distro (e.g. debian)")
    String distro;

    @Option(names = "--arch", description = "only this architecture (wheel or distro name)")
    String arch;

    @Mixin
    SupportOptions support;

    @Option(names = "--unmatched-calendar",
            description = "list the stored releases no release-calendar entry matches (their support status is unknown)")
    boolean unmatchedCalendar;

    @Override
    public Integer call() {
        List<ReleaseArchView> cells;
        ReleaseCalendar calendar;
        try (Database db = database.open()) {
            cells = new ReleaseCatalog(db.jdbi()).list();
            calendar = ReleaseCalendar.of(new CalendarStore(db).all());
        }
        ReleaseFilter filter = new ReleaseFilter(distro, arch == null ? null : Arch.parse(arch), null, null, null);
        LocalDate date = support.date();
        Map<ReleaseArchView, SupportStatus> status = new LinkedHashMap<>();
        for (ReleaseArchView c : cells) {
            status.put(c, calendar.status(c.distro(), c.release(), c.codename(), c.status(), date));
        }
        cells = cells.stream().filter(filter::test).filter(c -> support.keeps(status.get(c))).toList();
        PrintWriter out = out();
        if (unmatchedCalendar) {
            return printUnmatched(out, cells, calendar);
        }
        if (json) {
            Json.print(out, cells.stream().map(c -> ReleaseJson.of(c, true, calendar, status.get(c), date)).toList());
        } else {
            printTable(out, cells, status, date);
        }
        return ExitCodes.OK;
    }

    /** Stored releases (one line each, with their arches) that no calendar entry matches. */
    private int printUnmatched(PrintWriter out, List<ReleaseArchView> cells, ReleaseCalendar calendar) {
        Map<String, List<String>> unmatched = new LinkedHashMap<>();
        Map<String, ReleaseArchView> first = new LinkedHashMap<>();
        for (ReleaseArchView c : cells) {
            if (calendar.entryFor(c.distro(), c.release(), c.codename()).isEmpty()) {
                String key = c.distro() + " " + c.release();
                unmatched.computeIfAbsent(key, k -> new ArrayList<>()).add(c.arch().wheelName());
                first.putIfAbsent(key, c);
            }
        }
        if (json) {
            Json.print(out, unmatched.entrySet().stream().map(e -> {
                Map<String, Object> m = new LinkedHashMap<>();
                ReleaseArchView c = first.get(e.getKey());
                m.put("distro", c.distro());
                m.put("release", c.release());
                m.put("codename", c.codename());
                m.put("status", c.status().dbName());
                m.put("arches", e.getValue());
                return m;
            }).toList());
            return ExitCodes.OK;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"DISTRO", "RELEASE", "CODENAME", "STORED STATUS", "ARCHES"});
        unmatched.forEach((k, arches) -> {
            ReleaseArchView c = first.get(k);
            rows.add(new String[] {c.distro(), c.release(), c.codename(), c.status().dbName(), String.join(",", arches)});
        });
        if (rows.size() > 1) {
            Table.print(out, rows);
        }
        out.println(unmatched.size() + " stored release" + (unmatched.size() == 1 ? "" : "s") + " without a calendar entry "
                + "(moving suites such as testing or rawhide need none; add others with 'import endoflife DIR')");
        out.flush();
        return ExitCodes.OK;
    }

    private static final String[] PREFIXES = {"GLIBC", "GLIBCXX", "CXXABI", "GCC"};

    private void printTable(PrintWriter out, List<ReleaseArchView> cells, Map<ReleaseArchView, SupportStatus> status,
            LocalDate date) {
        if (cells.isEmpty()) {
            out.println(support.supported ? "No stored release is " + support.describe() + "."
                    : "No releases stored yet. Run 'distrocompat crawl' or 'distrocompat import pep600 DIR'.");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"DISTRO", "RELEASE", "CODENAME", "ARCH", "LIBC", "max GLIBC", "max GLIBCXX",
                "max CXXABI", "max GCC", "SOURCE", "SUPPORT " + date});
        for (ReleaseArchView c : cells) {
            String[] r = new String[11];
            r[10] = status.get(c).describe();
            r[0] = c.distro();
            r[1] = c.release();
            r[2] = c.codename() == null ? "-" : c.codename();
            r[3] = c.arch().wheelName();
            r[4] = c.glibc() == null ? "-" : c.libc() == Libc.MUSL ? "musl " + c.glibc() : c.glibc();
            for (int i = 0; i < PREFIXES.length; i++) {
                r[5 + i] = c.max().getOrDefault(PREFIXES[i], "-");
            }
            r[9] = c.provenance().dbName();
            rows.add(r);
        }
        Table.print(out, rows);
        out.println(cells.size() + " release x arch cell" + (cells.size() == 1 ? "" : "s")
                + (support.supported ? " " + support.describe() : ""));
    }
}

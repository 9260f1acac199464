package org.distrocompat.api.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.distrocompat.api.json.Json;
import org.distrocompat.api.json.PairingsJson;
import org.distrocompat.core.calendar.CalendarLoader;
import org.distrocompat.core.calendar.ReleaseCalendar;
import org.distrocompat.core.query.Pairings;
import org.distrocompat.db.model.Libc;
import org.distrocompat.db.snapshot.ReleaseSnapshot;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pairings}: gcc/glibc pairings per release x arch, and same-glibc-different-libstdc++ groups. */
@Command(name = "pairings", header = "gcc/glibc pairings; same glibc, different libstdc++", mixinStandardHelpOptions = true,
        description = "Per release x arch: glibc, the gcc that built libstdc++ and libgcc_s, the highest "
                + "GLIBC/GLIBCXX/CXXABI/GCC; and the releases with the same glibc but a different libstdc++")
final class PairingsCommand extends CommandBase implements Callable<Integer> {

    static final class Format {
        @Option(names = "--json", description = "print JSON: {\"releases\": [...], \"same_glibc_different_libstdcxx\": [...]}")
        boolean json;

        @Option(names = "--csv", description = "print CSV, one line per release x arch")
        boolean csv;
    }

    @ArgGroup(exclusive = true)
    Format format = new Format();

    @Mixin
    ReleaseData releaseData;

    @Mixin
    SupportOptions support;

    @Override
    public Integer call() {
        ReleaseSnapshot data = releaseData.obtain(err());
        ReleaseCalendar calendar = CalendarLoader.calendarOf(data.calendar());
        List<Pairings.Row> rows = Pairings.rows(data.cells().stream().filter(c -> support.keeps(calendar.status(
                c.distro(), c.release(), c.codename(), c.status(), support.date()))).toList());
        List<Pairings.Group> groups = Pairings.sameGlibcDifferentLibstdcxx(rows);
        PrintWriter out = out();
        if (format.json) {
            Json.print(out, PairingsJson.of(rows, groups));
        } else if (format.csv) {
            out.println("distro,release,codename,arch,glibc,libstdcxx_gcc,libgcc_gcc,max_glibc,max_glibcxx,max_cxxabi,"
                    + "max_gcc,provenance,musl");
            for (Pairings.Row r : rows) {
                boolean musl = r.cell().libc() == Libc.MUSL;
                out.println(String.join(",", csv(r.cell().distro()), csv(r.cell().release()), csv(r.cell().codename()),
                        csv(r.cell().arch().wheelName()), csv(musl ? null : r.glibc()), csv(r.libstdcxxGcc()),
                        csv(r.libgccGcc()),
                        csv(r.max().get("GLIBC")), csv(r.max().get("GLIBCXX")), csv(r.max().get("CXXABI")),
                        csv(r.max().get("GCC")), csv(r.cell().provenance().dbName()), csv(musl ? r.glibc() : null)));
            }
        } else {
            List<String[]> t = new ArrayList<>();
            t.add(new String[] {"DISTRO", "RELEASE", "ARCH", "LIBC", "GCC(libstdc++)", "GCC(libgcc_s)", "max GLIBC",
                    "max GLIBCXX", "max CXXABI", "max GCC"});
            for (Pairings.Row r : rows) {
                t.add(new String[] {r.cell().distro(), r.cell().release(), r.cell().arch().wheelName(),
                        r.cell().libc() == Libc.MUSL ? "musl " + r.glibc() : r.glibc(),
                        r.libstdcxxGcc(), r.libgccGcc(), r.max().get("GLIBC"), r.max().get("GLIBCXX"), r.max().get("CXXABI"),
                        r.max().get("GCC")});
            }
            Table.print(out, t);
            if (!groups.isEmpty()) {
                out.println();
                out.println("Same glibc, different libstdc++:");
                for (Pairings.Group g : groups) {
                    out.println("  glibc " + g.glibc() + " on " + g.arch() + ": " + String.join("; ", g.rows().stream()
                            .map(r -> r.cell().label() + " GLIBCXX " + r.max().get("GLIBCXX")
                                    + (r.libstdcxxGcc() == null ? "" : " (gcc " + r.libstdcxxGcc() + ")"))
                            .toList()));
                }
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String csv(String s) {
        if (s == null) {
            return "";
        }
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}

package org.distrocompat.api.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.distrocompat.db.Database;
import org.distrocompat.db.model.Arch;
import org.distrocompat.db.model.Libc;
import org.distrocompat.db.query.ReleaseArchView;
import org.distrocompat.db.query.ReleaseCatalog;
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

    @Override
    public Integer call() {
        List<ReleaseArchView> cells;
        try (Database db = database.open()) {
            cells = new ReleaseCatalog(db.jdbi()).list();
        }
        String wantedArch = arch == null ? null : Arch.parse(arch).wheelName();
        cells = cells.stream()
                .filter(c -> distro == null || c.distro().equalsIgnoreCase(distro))
                .filter(c -> wantedArch == null || c.arch().wheelName().equals(wantedArch))
                .toList();
        PrintWriter out = out();
        if (json) {
            Json.print(out, cells.stream().map(ReleasesCommand::toJson).toList());
        } else {
            printTable(out, cells);
        }
        return ExitCodes.OK;
    }

    static Map<String, Object> toJson(ReleaseArchView c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("distro", c.distro());
        m.put("release", c.release());
        m.put("codename", c.codename());
        m.put("arch", c.arch().wheelName());
        m.put("status", c.status().dbName());
        m.put("libc", c.libc().dbName());
        m.put("glibc", c.libc() == Libc.GLIBC ? c.glibc() : null);
        m.put("musl", c.libc() == Libc.MUSL ? c.glibc() : null);
        m.put("provenance", c.provenance().dbName());
        m.put("versions", c.versions());
        m.put("max", c.max());
        return m;
    }

    private static final String[] PREFIXES = {"GLIBC", "GLIBCXX", "CXXABI", "GCC"};

    private static void printTable(PrintWriter out, List<ReleaseArchView> cells) {
        if (cells.isEmpty()) {
            out.println("No releases stored yet. Run 'distrocompat crawl' or 'distrocompat import pep600 DIR'.");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"DISTRO", "RELEASE", "CODENAME", "ARCH", "LIBC", "max GLIBC", "max GLIBCXX",
                "max CXXABI", "max GCC", "SOURCE"});
        for (ReleaseArchView c : cells) {
            String[] r = new String[10];
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
        out.println(cells.size() + " release x arch cell" + (cells.size() == 1 ? "" : "s"));
    }
}

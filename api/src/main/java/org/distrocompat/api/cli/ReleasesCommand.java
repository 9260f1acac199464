package org.distrocompat.api.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.distrocompat.api.json.Json;
import org.distrocompat.api.json.ReleaseJson;
import org.distrocompat.core.query.ReleaseFilter;
import org.distrocompat.db.Database;
import org.distrocompat.db.model.Arch;
import org.distrocompat.db.query.ReleaseArchView;
import org.distrocompat.db.query.ReleaseCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code releases}: the stored release x arch cells with their symbol-version maxima. */
@Command(name = "releases", header = "List stored release x arch cells with their version maxima",
        mixinStandardHelpOptions = true,
        description = "List the stored release x arch cells with glibc and the highest GLIBC/GLIBCXX/CXXABI/GCC")
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
        ReleaseFilter filter = new ReleaseFilter(distro, arch == null ? null : Arch.parse(arch), null, null, null);
        cells = cells.stream().filter(filter::test).toList();
        PrintWriter out = out();
        if (json) {
            Json.print(out, cells.stream().map(c -> ReleaseJson.of(c, true)).toList());
        } else {
            printTable(out, cells);
        }
        return ExitCodes.OK;
    }

    private static final String[] PREFIXES = {"GLIBC", "GLIBCXX", "CXXABI", "GCC"};

    private static void printTable(PrintWriter out, List<ReleaseArchView> cells) {
        if (cells.isEmpty()) {
            out.println("No releases stored yet. Run 'distrocompat crawl' or 'distrocompat import pep600 DIR'.");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"DISTRO", "RELEASE", "CODENAME", "ARCH", "GLIBC", "max GLIBC", "max GLIBCXX",
                "max CXXABI", "max GCC", "SOURCE"});
        for (ReleaseArchView c : cells) {
            String[] r = new String[10];
            r[0] = c.distro();
            r[1] = c.release();
            r[2] = c.codename() == null ? "-" : c.codename();
            r[3] = c.arch().wheelName();
            r[4] = c.glibc() == null ? "-" : c.glibc();
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

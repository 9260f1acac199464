package org.distrocompat.api.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.distrocompat.api.json.Json;
import org.distrocompat.core.calendar.CalendarLoader;
import org.distrocompat.core.calendar.CalendarProducts;
import org.distrocompat.crawler.run.BaselineImport;
import org.distrocompat.crawler.run.Pep600Import;
import org.distrocompat.db.Database;
import org.distrocompat.db.error.UserException;
import org.distrocompat.db.query.CalendarRow;
import org.distrocompat.db.repo.CalendarStore;
import org.distrocompat.db.snapshot.ReleaseSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code import}: load datasets gathered elsewhere; {@code import pep600 DIR} loads pep600_compliance records. */
@Command(name = "import", header = "Import pep600 records, endoflife.date calendars, the baseline",
        mixinStandardHelpOptions = true,
        description = "Import a dataset into the database (crawled data for the same release x arch wins)",
        subcommands = {ImportCommand.Pep600.class, ImportCommand.Endoflife.class, ImportCommand.BaselineData.class})
final class ImportCommand extends CommandBase implements Runnable {

    @Override
    public void run() {
        spec.commandLine().usage(out());
    }

    @Command(name = "pep600", mixinStandardHelpOptions = true,
            description = {"Import a directory of pep600_compliance records (<arch>/<distro>-<version>.json) as "
                    + "the source 'pep600_compliance' with provenance 'imported'.",
                    "Re-importing unchanged records writes nothing. Where a release x arch was also crawled, the "
                            + "crawled data wins and the differences are reported."})
    static final class Pep600 extends CommandBase implements Callable<Integer> {

        @Mixin
        DatabaseOptions database;

        @Parameters(paramLabel = "DIR", description = "the records' directory (e.g. pep600_compliance's cache/)")
        Path dir;

        @Option(names = "--json", description = "print the result as JSON (counts, warnings, differences)")
        boolean json;

        @Override
        public Integer call() {
            if (!Files.isDirectory(dir)) {
                throw new UserException(FileNames.missing(dir, "no such directory: " + dir));
            }
            Pep600Import.Result result;
            try (Database db = database.open()) {
                result = new Pep600Import(db).importDirectory(dir);
            }
            PrintWriter out = out();
            if (json) {
                Json.print(out, toJson(result));
                return ExitCodes.OK;
            }
            result.warnings().forEach(w -> err().println("distrocompat: import pep600: " + w));
            out.println("imported " + result.cells().size() + " pep600 records from " + result.directory() + ": "
                    + result.updated() + " updated, " + result.unchanged() + " unchanged (run " + result.runId() + ")");
            List<Pep600Import.CellResult> diffs = result.withDifferences();
            long both = result.cells().stream().filter(Pep600Import.CellResult::crawled).count();
            if (both > 0) {
                out.println(both + " of them were also crawled (crawled data wins); " + diffs.size() + " differ:");
                for (Pep600Import.CellResult c : diffs) {
                    c.differences().forEach((prefix, d) -> out.println("  " + c.label() + " " + prefix
                            + (d.onlyCrawled().isEmpty() ? "" : "  only crawled: " + String.join(" ", d.onlyCrawled()))
                            + (d.onlyImported().isEmpty() ? "" : "  only imported: " + String.join(" ", d.onlyImported()))));
                }
            }
            out.flush();
            return ExitCodes.OK;
        }

        static Map<String, Object> toJson(Pep600Import.Result r) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("run", r.runId());
            m.put("directory", r.directory().toString());
            m.put("records", r.cells().size());
            m.put("updated", r.updated());
            m.put("unchanged", r.unchanged());
            m.put("also_crawled", r.cells().stream().filter(Pep600Import.CellResult::crawled).count());
            m.put("warnings", r.warnings());
            List<Map<String, Object>> diffs = new ArrayList<>();
            for (Pep600Import.CellResult c : r.withDifferences()) {
                c.differences().forEach((prefix, d) -> {
                    Map<String, Object> x = new LinkedHashMap<>();
                    x.put("distro", c.distro());
                    x.put("release", c.release());
                    x.put("arch", c.arch());
                    x.put("prefix", prefix);
                    x.put("only_crawled", d.onlyCrawled());
                    x.put("only_imported", d.onlyImported());
                    diffs.add(x);
                });
            }
            m.put("differences", diffs);
            return m;
        }
    }

    @Command(name = "endoflife", mixinStandardHelpOptions = true,
            description = {"Import endoflife.date product files (<slug>.md with YAML front matter, e.g. debian.md) into "
                    + "the release calendar, from DIR or DIR/products.",
                    "Dates that changed keep their old value in the calendar's history; 'releases "
                            + "--unmatched-calendar' lists stored releases no calendar entry matches."})
    static final class Endoflife extends CommandBase implements Callable<Integer> {

        @Mixin
        DatabaseOptions database;

        @Parameters(paramLabel = "DIR", description = "endoflife.date's products/ directory (or its parent)")
        Path dir;

        @Override
        public Integer call() {
            List<CalendarRow> rows = CalendarLoader.endoflifeDirectory(dir, CalendarProducts.builtIn());
            CalendarStore.Result r;
            try (Database db = database.open()) {
                r = new CalendarStore(db).write(rows);
                if (r.added() + r.changed() > 0) {
                    ReleaseSnapshot.refreshSnapshot(db);
                }
            }
            out().println("imported " + rows.size() + " release cycles from " + dir + ": " + r.added() + " added, "
                    + r.changed() + " changed (old dates kept in the calendar history), " + r.unchanged() + " unchanged");
            out().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "baseline", mixinStandardHelpOptions = true,
            description = {"Load the baseline shipped with distrocompat (the pep600_compliance records' facts, MIT) as "
                    + "imported release data. An empty home gets it on first use; this loads it into any database "
                    + "(e.g. one given by --db). Unchanged cells are skipped; crawled data still wins."})
    static final class BaselineData extends CommandBase implements Callable<Integer> {

        @Mixin
        DatabaseOptions database;

        @Override
        public Integer call() {
            BaselineImport.Result r;
            try (Database db = database.open()) {
                r = new BaselineImport(db).load();
            }
            out().println("baseline " + r.origin() + ": " + r.records() + " records, " + r.written() + " written, "
                    + (r.records() - r.written()) + " unchanged (run " + r.runId() + ")");
            out().flush();
            return ExitCodes.OK;
        }
    }
}

package org.distrocompat.api.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.distrocompat.api.json.Json;
import org.distrocompat.core.calendar.CalendarLoader;
import org.distrocompat.core.calendar.ReleaseCalendar;
import org.distrocompat.core.policy.PolicyFileException;
import org.distrocompat.core.policy.PolicyJudge;
import org.distrocompat.core.query.Coverage;
import org.distrocompat.db.error.UserException;
import org.distrocompat.db.model.Arch;
import org.distrocompat.db.snapshot.ReleaseSnapshot;
import org.distrocompat.db.snapshot.SnapshotCell;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code coverage}: for an arch and a date, the share of supported releases each manylinux_2_Y reaches. */
@Command(name = "coverage", header = "Share of supported releases each manylinux tag reaches",
        mixinStandardHelpOptions = true,
        description = {"For one architecture and a date: each manylinux_2_Y policy with the number, share and list of "
                + "the releases supported on that date (by the release calendar) it reaches — glibc 2.Y or newer and "
                + "every version name the policy allows defined — and the ones it misses, with why.",
                "Policies: auditwheel's official file (bundled), or --policy FILE."})
final class CoverageCommand extends CommandBase implements Callable<Integer> {

    static final class Format {
        @Option(names = "--json", description = "print JSON: {arch, as_of, include_extended, releases, policies: [...]}")
        boolean json;

        @Option(names = "--csv", description = "print CSV, one line per policy")
        boolean csv;
    }

    @ArgGroup(exclusive = true)
    Format format = new Format();

    @Option(names = "--arch", defaultValue = "x86_64", description = "architecture (wheel or distro name; default x86_64)")
    String arch;

    @Option(names = "--as-of", paramLabel = "DATE", description = "the date support is judged on, YYYY-MM-DD (default: today)")
    LocalDate asOf;

    @Option(names = "--include-extended", description = "count releases in extended support (ELTS, ESM, ELS) as supported")
    boolean includeExtended;

    @Option(names = "--policy", paramLabel = "FILE", description = "an auditwheel-format policy file (default: the official one)")
    Path policy;

    @Mixin
    ReleaseData releaseData;

    @Override
    public Integer call() {
        Arch a = Arch.parse(arch);
        LocalDate date = asOf != null ? asOf : LocalDate.now();
        PolicyJudge judge;
        try {
            judge = policy == null ? PolicyJudge.officialManylinux() : PolicyJudge.read(policy);
        } catch (PolicyFileException e) {
            throw new UserException(e.getMessage());
        }
        ReleaseSnapshot data = releaseData.obtain(err());
        ReleaseCalendar calendar = CalendarLoader.calendarOf(data.calendar());
        Coverage.Report report = Coverage.of(data.cells(), calendar, judge.policies(), a, date, includeExtended);
        PrintWriter out = out();
        if (format.json) {
            Json.print(out, json(report));
        } else if (format.csv) {
            out.println("policy,arch,as_of,reached,total,share,misses");
            for (Coverage.Row r : report.rows()) {
                out.println(String.join(",", r.policy().name(), a.wheelName(), date.toString(),
                        String.valueOf(r.reached().size()), String.valueOf(r.total()),
                        String.format(Locale.ROOT, "%.1f", r.share()), quote(String.join("; ",
                                r.misses().stream().map(m -> m.cell().label() + " (" + m.reason() + ")").toList()))));
            }
        } else {
            printTable(out, report);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void printTable(PrintWriter out, Coverage.Report report) {
        out.println(report.arch() + " releases supported on " + report.asOf()
                + (report.includeExtended() ? " (extended support included)" : "") + ": " + report.releases().size());
        if (report.releases().isEmpty()) {
            out.println("No stored release of " + report.arch() + " is supported on that date.");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"POLICY", "REACHES", "SHARE", "MISSES"});
        for (Coverage.Row r : report.rows()) {
            List<String> misses = r.misses().stream().map(m -> m.cell().label() + " (" + m.reason() + ")").toList();
            rows.add(new String[] {r.policy().name(), r.reached().size() + " of " + r.total(),
                    String.format(Locale.ROOT, "%.1f%%", r.share()),
                    misses.isEmpty() ? "-" : misses.size() <= 4 ? String.join(", ", misses)
                            : String.join(", ", misses.subList(0, 4)) + " and " + (misses.size() - 4) + " more"});
        }
        Table.print(out, rows);
    }

    private static Map<String, Object> json(Coverage.Report report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("arch", report.arch().wheelName());
        m.put("as_of", report.asOf().toString());
        m.put("include_extended", report.includeExtended());
        m.put("releases", report.releases().stream().map(c -> release(c, report)).toList());
        m.put("policies", report.rows().stream().map(r -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("policy", r.policy().name());
            p.put("aliases", r.policy().aliases());
            p.put("reached", r.reached().size());
            p.put("total", r.total());
            p.put("share", Math.round(r.share() * 10) / 10.0);
            p.put("reaches", r.reached().stream().map(SnapshotCell::label).toList());
            p.put("misses", r.misses().stream().map(x -> {
                Map<String, Object> mm = new LinkedHashMap<>();
                mm.put("release", x.cell().label());
                mm.put("distro", x.cell().distro());
                mm.put("version", x.cell().release());
                mm.put("glibc", x.cell().glibc());
                mm.put("support", x.support().describe());
                mm.put("reason", x.reason());
                return mm;
            }).toList());
            return p;
        }).toList());
        return m;
    }

    private static Map<String, Object> release(SnapshotCell c, Coverage.Report report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("distro", c.distro());
        m.put("release", c.release());
        m.put("glibc", c.glibc());
        m.put("provenance", c.provenance().dbName());
        m.put("support", report.support().get(c).describe());
        return m;
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}

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
import org.distrocompat.core.calendar.ReleaseCalendar;
import org.distrocompat.core.calendar.SupportStatus;
import org.distrocompat.core.check.BadInputException;
import org.distrocompat.core.check.WalkLimits;
import org.distrocompat.core.policy.Policy;
import org.distrocompat.core.policy.PolicyFileException;
import org.distrocompat.core.policy.PolicyJudge;
import org.distrocompat.core.query.CheckQuery;
import org.distrocompat.core.query.CheckReport;
import org.distrocompat.core.query.Checker;
import org.distrocompat.db.model.Arch;
import org.distrocompat.db.Home;
import org.distrocompat.db.model.SymbolVersions;
import org.distrocompat.core.refresh.RefreshJob;
import org.distrocompat.db.snapshot.ReleaseSnapshot;
import org.distrocompat.db.snapshot.SnapshotCell;
import org.distrocompat.db.error.UserException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code check PATH...}: which stored releases each input runs on, and whether its wheel tags are true. */
@Command(name = "check", header = "Which releases does a binary run on? Is its tag true?", mixinStandardHelpOptions = true,
        description = {"Which stored distro releases does a wheel, archive, directory or ELF file run on — and is "
                + "its tag true?",
                "Inputs: wheels, zip/jar, tar (.gz/.tgz/.xz/.zst/.bz2), .deb, directories, ELF files.",
                "Exit 0: every claimed tag is accurate (or none claimed); 1: some claimed tag is not; 2: bad input."})
final class CheckCommand extends CommandBase implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "inputs to check")
    List<Path> paths;

    @Option(names = "--json", description = "print a JSON array, one object per input in input order")
    boolean json;

    @Option(names = "--arch", description = "analyse only the ELF files of this architecture (default: the input's own; "
            + "x86_64 first when there are several)")
    String arch;

    @Option(names = "--policy", paramLabel = "FILE",
            description = "also evaluate against this auditwheel-format policy file (default: the project's derived "
                    + "policy that 'refresh' publishes in $DISTROCOMPAT_HOME/policy, when the release data comes from "
                    + "that home)")
    Path policy;

    @Mixin
    ReleaseData releaseData;

    @Mixin
    SupportOptions support;

    @Override
    public Integer call() {
        String wantedArch = arch == null ? null : Arch.parse(arch).wheelName();
        PolicyJudge extra = null;
        Path derived = Home.current().policyDir().resolve(RefreshJob.POLICY_FILE);
        if (policy == null && releaseData.fromHome() && Files.isRegularFile(derived)) {
            policy = derived; // the derived policy of the same data the verdicts come from
        }
        if (policy != null) {
            try {
                extra = PolicyJudge.read(policy);
            } catch (PolicyFileException e) {
                throw new UserException(e.getMessage()); // names the file already
            }
        }
        // musl inputs are judged by a musllinux file: the one given, else the derived one beside the manylinux file
        PolicyJudge extraMusl = null;
        if (extra != null && extra.family() == Policy.Family.MUSLLINUX) {
            extraMusl = extra;
            extra = null;
        }
        Path derivedMusl = Home.current().policyDir().resolve(RefreshJob.MUSL_POLICY_FILE);
        if (extraMusl == null && releaseData.fromHome() && Files.isRegularFile(derivedMusl)) {
            try {
                extraMusl = PolicyJudge.read(derivedMusl);
            } catch (PolicyFileException e) {
                throw new UserException(e.getMessage());
            }
        }
        PrintWriter err = err();
        ReleaseSnapshot data = releaseData.obtain(err);
        ReleaseCalendar calendar = CalendarLoader.calendarOf(data.calendar());
        if (support.supported) {
            data = new ReleaseSnapshot(data.createdAt(), data.source(), data.cells().stream()
                    .filter(c -> support.keeps(status(calendar, c))).toList(), data.calendar());
        }
        Checker checker = new Checker(data, extra, extraMusl, WalkLimits.DEFAULT);
        List<CheckReport> reports = new ArrayList<>();
        for (Path p : paths) {
            try {
                reports.add(checker.check(p, wantedArch));
            } catch (BadInputException e) {
                throw new UserException(p + ": " + e.getMessage());
            }
        }
        PrintWriter out = out();
        if (json) {
            Json.print(out, reports.stream().map(r -> {
                Map<String, Object> m = r.toJson();
                if (!calendar.isEmpty()) {
                    m.put("supported_releases", supportedCount(r, calendar));
                }
                return m;
            }).toList());
        } else {
            if (data.cells().isEmpty()) {
                err.println("distrocompat: check: no releases stored yet; run 'distrocompat crawl' or "
                        + "'distrocompat import pep600 DIR' first");
            }
            for (int i = 0; i < reports.size(); i++) {
                if (i > 0) {
                    out.println();
                }
                printSummary(out, reports.get(i));
                if (!calendar.isEmpty() && !reports.get(i).pure()) {
                    Map<String, Object> n = supportedCount(reports.get(i), calendar);
                    line(out, "supported", "runs on " + n.get("runs_on") + " of " + n.get("releases") + " releases "
                            + support.describe() + (support.asOf == null ? " (today)" : ""));
                }
            }
        }
        out.flush();
        return reports.stream().allMatch(CheckReport::tagsAccurate) ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** The support of a snapshot cell on the --as-of date. */
    private SupportStatus status(ReleaseCalendar calendar, SnapshotCell c) {
        return calendar.status(c.distro(), c.release(), c.codename(), c.status(), support.date());
    }

    /** How many of the releases supported on the date the input runs on: {as_of, include_extended, runs_on, releases}. */
    private Map<String, Object> supportedCount(CheckReport r, ReleaseCalendar calendar) {
        int total = 0;
        int runs = 0;
        for (CheckQuery.Verdict v : r.verdicts()) {
            if (status(calendar, v.cell()).supported(support.includeExtended)) {
                total++;
                runs += v.compatible() ? 1 : 0;
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("as_of", support.date().toString());
        m.put("include_extended", support.includeExtended);
        m.put("runs_on", runs);
        m.put("releases", total);
        return m;
    }

    static void printSummary(PrintWriter out, CheckReport r) {
        var needs = r.needs();
        if (r.pure()) {
            out.println(r.path() + ": no ELF files (pure)");
        } else {
            out.println(r.path() + ": " + needs.arch() + ", " + (needs.libc() == null ? "no libc" : needs.libc()) + ", "
                    + needs.elfPaths().size() + " ELF file" + (needs.elfPaths().size() == 1 ? "" : "s")
                    + (needs.arches().size() > 1 ? " (also " + String.join(", ", needs.arches().stream()
                            .filter(a -> !a.equals(needs.arch())).toList()) + ": use --arch)" : ""));
            line(out, "needs", needsLine(r));
            if ("musl".equals(needs.libc())) {
                line(out, "oldest musl", oldestMusl(r));
            } else {
                line(out, "oldest glibc", r.oldestGlibc() == null ? "none of the stored releases" : r.oldestGlibc());
            }
            List<CheckQuery.Verdict> yes = r.verdicts().stream().filter(CheckQuery.Verdict::compatible).toList();
            line(out, "runs on", yes.isEmpty() ? "none of the stored releases" : grouped(r.verdicts()));
            // per distro, the newest release it does not run on (the older ones usually fail the same way)
            Map<String, List<CheckQuery.Verdict>> failing = new LinkedHashMap<>();
            for (CheckQuery.Verdict v : r.verdicts()) {
                if (!v.compatible()) {
                    failing.computeIfAbsent(v.cell().distro(), k -> new ArrayList<>()).add(v);
                }
            }
            List<String> no = new ArrayList<>();
            for (List<CheckQuery.Verdict> list : failing.values()) {
                CheckQuery.Verdict newest = list.get(list.size() - 1);
                no.add(newest.cell().label() + ": " + Checker.firstMissing(newest)
                        + (list.size() > 1 ? " (and " + (list.size() - 1) + " older)" : ""));
            }
            if (!no.isEmpty()) {
                line(out, "not on", no.get(0));
                for (int i = 1; i < no.size(); i++) {
                    out.println(" ".repeat(17) + no.get(i));
                }
            }
            if (!r.notInBaseSystem().isEmpty()) {
                line(out, "not in base", String.join(", ", r.notInBaseSystem())
                        + " (not provided by the base system: must be installed or shipped)");
            }
            Map<String, List<String>> unchecked = new LinkedHashMap<>();
            for (CheckQuery.Verdict v : r.verdicts()) {
                for (String s : v.notCovered()) {
                    unchecked.computeIfAbsent(s, k -> new ArrayList<>()).add(v.cell().label());
                }
            }
            unchecked.forEach((soname, labels) -> line(out, "unchecked", soname + ": no data on " + labels.size()
                    + " release" + (labels.size() == 1 ? "" : "s") + " (" + String.join(", ", labels.subList(0,
                    Math.min(4, labels.size()))) + (labels.size() > 4 ? ", ..." : "") + "); judged elsewhere"));
            for (var u : needs.unreachableShipped()) {
                line(out, "not found", u.neededBy() + " needs " + u.soname() + "; the input ships " + u.path()
                        + " but the loader would not find it there (no RPATH/RUNPATH to it)");
            }
            line(out, "best tag", r.overallTag() + " (auditwheel policy)"
                    + (r.policyTag() != null ? "; " + r.policyTag() + " (" + r.policySource() + ")" : ""));
        }
        if (!r.claimedTags().isEmpty()) {
            List<String> bad = r.tagVerdicts().stream().filter(t -> !t.accurate())
                    .map(t -> t.tag() + ": " + t.reason()).toList();
            line(out, "claimed", String.join(".", r.claimedTags()) + " — "
                    + (bad.isEmpty() ? "accurate" : "INACCURATE: " + String.join("; ", bad)));
        }
        if (!r.skipped().isEmpty()) {
            line(out, "skipped", r.skipped().size() + " member" + (r.skipped().size() == 1 ? "" : "s") + " (e.g. "
                    + r.skipped().get(0).path() + ": " + r.skipped().get(0).reason() + ")");
        }
    }

    /** The oldest musl among the stored releases a musl input runs on. */
    private static String oldestMusl(CheckReport r) {
        return r.verdicts().stream().filter(CheckQuery.Verdict::compatible).map(v -> v.cell().glibc())
                .filter(v -> v != null && SymbolVersions.isNumeric(v)).min(SymbolVersions::compareNumeric)
                .orElse("none of the stored releases");
    }

    private static void line(PrintWriter out, String label, String text) {
        out.println("  " + label + ":" + " ".repeat(Math.max(1, 14 - label.length())) + text);
    }

    private static String needsLine(CheckReport r) {
        Map<String, String> maxByPrefix = new LinkedHashMap<>();
        for (var e : r.needs().requirements().values()) {
            for (String v : e) {
                String p = SymbolVersions.prefix(v);
                String ver = SymbolVersions.version(v);
                if (SymbolVersions.isNumeric(ver)) {
                    maxByPrefix.merge(p, ver, (a, b) ->
                            SymbolVersions.compareNumeric(a, b) >= 0 ? a : b);
                }
            }
        }
        List<String> parts = new ArrayList<>();
        maxByPrefix.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> parts.add(e.getKey() + "_" + e.getValue()));
        String sonames = String.join(", ", r.needs().requirements().keySet());
        return (parts.isEmpty() ? "no symbol versions" : String.join(", ", parts)) + " from " + sonames;
    }

    /** "Debian 10+, Ubuntu 18.04+, AlmaLinux 8+": per distro, a suffix of its releases as "first+". */
    static String grouped(List<CheckQuery.Verdict> verdicts) {
        Map<String, List<CheckQuery.Verdict>> byDistro = new LinkedHashMap<>();
        for (CheckQuery.Verdict v : verdicts) {
            byDistro.computeIfAbsent(v.cell().distro(), k -> new ArrayList<>()).add(v);
        }
        List<String> parts = new ArrayList<>();
        for (List<CheckQuery.Verdict> list : byDistro.values()) {
            List<SnapshotCell> ok = list.stream().filter(CheckQuery.Verdict::compatible).map(CheckQuery.Verdict::cell)
                    .toList();
            if (ok.isEmpty()) {
                continue;
            }
            int first = list.indexOf(list.stream().filter(CheckQuery.Verdict::compatible).findFirst().get());
            boolean suffix = list.subList(first, list.size()).stream().allMatch(CheckQuery.Verdict::compatible);
            String name = ok.get(0).label().substring(0, ok.get(0).label().length() - ok.get(0).release().length());
            if (suffix && list.size() - first > 1) {
                parts.add(name + ok.get(0).release() + "+");
            } else {
                parts.add(name + String.join(", ", ok.stream().map(SnapshotCell::release).toList()));
            }
        }
        return String.join("; ", parts);
    }
}

package org.distrocompat.api.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
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
import org.distrocompat.core.refresh.RefreshJob;
import org.distrocompat.db.snapshot.ReleaseSnapshot;
import org.distrocompat.db.snapshot.SnapshotCell;
import org.distrocompat.db.error.UserException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code check PATH...}: which stored releases each input runs on, and whether its wheel tags are true. */
@Command(name = "check", header = "Which releases does a binary run on? Is its tag true?", mixinStandardHelpOptions = true,
        description = {"Which stored distro releases does a wheel, archive, directory or ELF file run on — and is "
                + "its tag true? One verdict per platform (OS, libc, architecture) of the input's natives.",
                "Inputs: wheels, zip/jar, tar (.gz/.tgz/.xz/.zst/.bz2), npm packages, .deb, directories, ELF files.",
                "Exit 0: every claimed tag is accurate (or none claimed); 1: some claimed tag is not (with --why: "
                        + "nothing requires the version); 2: bad input, or Linux natives of an architecture that has "
                        + "no wheel tag and no stored release."})
final class CheckCommand extends CommandBase implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "inputs to check")
    List<Path> paths;

    @Option(names = "--json", description = "print a JSON array, one object per input in input order")
    boolean json;

    @Option(names = "--arch", description = "analyse only the natives of this architecture (default: every platform "
            + "of the input; the top-level fields describe the wheel tag's, else the first Linux one, x86_64 first)")
    String arch;

    @Option(names = "--why", paramLabel = "VERSION",
            description = "list every symbol that requires this version name (e.g. GLIBC_2.34), with its file, "
                    + "instead of the verdict")
    String why;

    @Option(names = "--policy", paramLabel = "FILE",
            description = "also evaluate against this auditwheel-format policy file (default: the project's derived "
                    + "policy that 'refresh' publishes in $DISTROCOMPAT_HOME/policy, when the release data comes from "
                    + "that home)")
    Path policy;

    @Mixin
    ReleaseData releaseData;

    @Mixin
    SupportOptions support;

    /**
     * Whether the arguments are the plain invocation {@code check [--json] PATH...}: then {@link Main} runs the check
     * without building picocli's model, which costs a small check's start-up more CPU than the check itself
     * (bench/check.sh measures it). Anything else — another option, {@code --help}, a path that starts with '-' —
     * goes through picocli, so every option keeps its one definition above.
     */
    static boolean isPlain(String[] args) {
        if (args.length < 2 || !args[0].equals("check")) {
            return false;
        }
        int paths = 0;
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("-") || args[i].isEmpty()) {
                if (!args[i].equals("--json")) {
                    return false;
                }
            } else {
                paths++;
            }
        }
        return paths > 0;
    }

    /** Runs a plain invocation ({@link #isPlain}) with the defaults picocli would give every other option. */
    static int plain(PrintWriter out, PrintWriter err, String[] args) {
        CheckCommand c = new CheckCommand();
        c.streams(out, err);
        c.paths = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--json")) {
                c.json = true;
            } else {
                try {
                    c.paths.add(FileNames.path(args[i]));
                } catch (CommandLine.TypeConversionException e) {
                    return ErrorHandler.report(new UserException(e.getMessage()), "check: ", err); // as picocli's path does
                }
            }
        }
        c.releaseData = new ReleaseData();
        c.releaseData.database = new DatabaseOptions();
        c.support = new SupportOptions();
        try {
            return c.call();
        } catch (RuntimeException e) {
            return ErrorHandler.report(e, "check: ", err);
        }
    }

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
            data = new ReleaseSnapshot(data.createdAt(), data.generation(), data.source(), data.cells().stream()
                    .filter(c -> support.keeps(status(calendar, c))).toList(), data.calendar());
        }
        Checker checker = new Checker(data, extra, extraMusl, WalkLimits.DEFAULT);
        List<CheckReport> reports = new ArrayList<>();
        // several inputs are checked side by side (the checker is thread-safe); answers and the first bad input are
        // reported in input order
        IntStream indices = IntStream.range(0, paths.size());
        List<Object> results = (paths.size() > 1 ? indices.parallel() : indices).mapToObj(i -> {
            try {
                return (Object) checker.check(paths.get(i), wantedArch);
            } catch (BadInputException e) {
                return e;
            }
        }).toList();
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) instanceof BadInputException e) {
                throw new UserException(paths.get(i) + ": " + FileNames.missing(paths.get(i), e.getMessage()));
            }
            reports.add((CheckReport) results.get(i));
        }
        PrintWriter out = out();
        if (why != null) {
            return why(out, reports);
        }
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
                CheckSummary.print(out, reports.get(i));
                if (!calendar.isEmpty() && !reports.get(i).pure()) {
                    Map<String, Object> n = supportedCount(reports.get(i), calendar);
                    out.println("  supported:     runs on " + n.get("runs_on") + " of " + n.get("releases")
                            + " releases " + support.describe() + (support.asOf == null ? " (today)" : ""));
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

    /**
     * How many of the releases supported on the date the input (its primary platform) runs on:
     * {as_of, include_extended, runs_on, releases}.
     */
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

    /** {@code --why VERSION}: exit 0 when some input requires it, 1 when none does. */
    private int why(PrintWriter out, List<CheckReport> reports) {
        boolean found = false;
        if (json) {
            List<Object> all = new ArrayList<>();
            for (CheckReport r : reports) {
                List<Object> reqs = new ArrayList<>();
                for (CheckReport.Why w : r.why(why)) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("os", w.platform().platform().os().id());
                    m.put("libc", w.platform().platform().libc());
                    m.put("arch", w.platform().platform().arch());
                    m.put("soname", w.soname());
                    m.put("files", w.files());
                    m.put("symbols", w.symbols().stream().map(s -> Map.of("file", s.file(), "name", s.name())).toList());
                    reqs.add(m);
                }
                found |= !reqs.isEmpty();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("path", r.path());
                m.put("version", why);
                m.put("requirements", reqs);
                all.add(m);
            }
            Json.print(out, all);
        } else {
            for (int i = 0; i < reports.size(); i++) {
                if (i > 0) {
                    out.println();
                }
                found |= CheckSummary.printWhy(out, reports.get(i), why);
            }
        }
        out.flush();
        return found ? ExitCodes.OK : ExitCodes.FAILED;
    }
}

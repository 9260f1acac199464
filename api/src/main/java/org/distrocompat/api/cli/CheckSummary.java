package org.distrocompat.api.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distrocompat.core.check.InputNeeds;
import org.distrocompat.core.check.Platform;
import org.distrocompat.core.check.SymbolRef;
import org.distrocompat.core.policy.PolicyAudit;
import org.distrocompat.core.query.CheckQuery;
import org.distrocompat.core.query.CheckReport;
import org.distrocompat.core.query.Checker;
import org.distrocompat.core.query.PlatformReport;
import org.distrocompat.db.model.SymbolVersions;
import org.distrocompat.db.snapshot.SnapshotCell;

/**
 * {@code check}'s summary for people: per input, one block per judged Linux platform (needs, oldest libc, the
 * releases it runs on and the first missing need with its symbols where it does not, auditwheel's best tag and
 * what limits it), one line per other platform, then the claimed tags and skipped members.
 */
final class CheckSummary {
    private static final int LABEL = 14;

    private CheckSummary() {
    }

    static void print(PrintWriter out, CheckReport r) {
        List<PlatformReport> ps = r.platforms();
        if (r.pure()) {
            out.println(r.path() + ": no native files (pure)");
        } else if (ps.size() == 1 && ps.get(0).linux() && ps.get(0).judged()) {
            PlatformReport p = ps.get(0);
            out.println(r.path() + ": " + p.platform().arch() + ", " + libcOf(p) + ", " + files(p.files().size()));
            block(out, p, "  ");
        } else {
            out.println(r.path() + ": " + ps.size() + " platform" + (ps.size() == 1 ? "" : "s") + " ("
                    + files(ps.stream().mapToInt(p -> p.files().size()).sum()) + ")");
            for (PlatformReport p : ps) {
                if (p.linux() && p.judged()) {
                    out.println("  " + p.platform().label() + (p == r.primary() ? " (primary)" : "") + ", "
                            + files(p.files().size()) + ":");
                    block(out, p, "    ");
                } else {
                    out.println("  " + p.platform().label() + ": " + oneLine(p));
                }
            }
        }
        if (!r.claimedTags().isEmpty()) {
            List<String> bad = r.tagVerdicts().stream().filter(t -> !t.accurate())
                    .map(t -> t.tag() + ": " + t.reason()).toList();
            line(out, "  ", "claimed", String.join(".", r.claimedTags()) + " — "
                    + (bad.isEmpty() ? "accurate" : "INACCURATE: " + String.join("; ", bad)));
        }
        if (!r.skipped().isEmpty()) {
            line(out, "  ", "skipped", r.skipped().size() + " member" + (r.skipped().size() == 1 ? "" : "s") + " (e.g. "
                    + r.skipped().get(0).path() + ": " + r.skipped().get(0).reason() + ")");
        }
    }

    private static String oneLine(PlatformReport p) {
        String where = " (" + (p.files().size() == 1 ? p.files().get(0) : files(p.files().size()) + ": "
                + p.files().get(0) + ", ...") + ")";
        if (p.judged() && p.audit() != null) {
            return p.overallTag() + " by auditwheel's " + p.platform().os().display() + " policy; not judged against "
                    + "Linux distributions" + where;
        }
        return p.note() + where;
    }

    private static String libcOf(PlatformReport p) {
        String libc = p.platform().libc() != null ? p.platform().libc() : p.needs().libc();
        return libc == null ? "no libc" : libc;
    }

    private static String files(int n) {
        return n + " file" + (n == 1 ? "" : "s");
    }

    private static void block(PrintWriter out, PlatformReport p, String indent) {
        InputNeeds needs = p.needs();
        line(out, indent, "needs", needsLine(needs));
        String libc = Platform.MUSL.equals(p.platform().libc()) ? "musl" : "glibc";
        line(out, indent, "oldest " + libc, p.oldestLibc() == null ? "none of the stored releases" : p.oldestLibc());
        List<CheckQuery.Verdict> yes = p.verdicts().stream().filter(CheckQuery.Verdict::compatible).toList();
        line(out, indent, "runs on", p.verdicts().isEmpty() ? "no " + libc + " release of " + p.platform().arch()
                + " is stored" : yes.isEmpty() ? "none of the stored releases" : grouped(p.verdicts()));
        // per distro, the newest release it does not run on (the older ones usually fail the same way)
        Map<String, List<CheckQuery.Verdict>> failing = new LinkedHashMap<>();
        for (CheckQuery.Verdict v : p.verdicts()) {
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
        lines(out, indent, "not on", no);
        if (!p.notInBaseSystem().isEmpty()) {
            line(out, indent, "not in base", String.join(", ", p.notInBaseSystem())
                    + " (not provided by the base system: must be installed or shipped)");
        }
        Map<String, List<String>> unchecked = new LinkedHashMap<>();
        for (CheckQuery.Verdict v : p.verdicts()) {
            for (String s : v.notCovered()) {
                unchecked.computeIfAbsent(s, k -> new ArrayList<>()).add(v.cell().label());
            }
        }
        unchecked.forEach((soname, labels) -> line(out, indent, "unchecked", soname + ": no data on " + labels.size()
                + " release" + (labels.size() == 1 ? "" : "s") + " (" + String.join(", ", labels.subList(0,
                Math.min(4, labels.size()))) + (labels.size() > 4 ? ", ..." : "") + "); judged elsewhere"));
        for (var u : needs.unreachableShipped()) {
            line(out, indent, "not found", u.neededBy() + " needs " + u.soname() + "; the input ships " + u.path()
                    + " but the loader would not find it there (no RPATH/RUNPATH to it)");
        }
        line(out, indent, "best tag", p.overallTag() + " (auditwheel policy)"
                + (p.policyTag() != null ? "; " + p.policyTag() + " (policy file)" : ""));
        List<String> limits = new ArrayList<>();
        for (PolicyAudit.Limit l : p.audit().limits()) {
            limits.add(l.tag() + " by " + l.criterion().id().replace('_', ' ') + ": " + l.reason());
        }
        lines(out, indent, "limited to", limits);
    }

    private static void lines(PrintWriter out, String indent, String label, List<String> texts) {
        for (int i = 0; i < texts.size(); i++) {
            if (i == 0) {
                line(out, indent, label, texts.get(0));
            } else {
                out.println(indent + " ".repeat(LABEL + 1) + texts.get(i));
            }
        }
    }

    private static void line(PrintWriter out, String indent, String label, String text) {
        out.println(indent + label + ":" + " ".repeat(Math.max(1, LABEL - label.length())) + text);
    }

    private static String needsLine(InputNeeds needs) {
        Map<String, String> maxByPrefix = new LinkedHashMap<>();
        for (var e : needs.requirements().values()) {
            for (String v : e) {
                String p = SymbolVersions.prefix(v);
                String ver = SymbolVersions.version(v);
                if (SymbolVersions.isNumeric(ver)) {
                    maxByPrefix.merge(p, ver, (a, b) -> SymbolVersions.compareNumeric(a, b) >= 0 ? a : b);
                }
            }
        }
        List<String> parts = new ArrayList<>();
        maxByPrefix.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> parts.add(e.getKey() + "_" + e.getValue()));
        if (needs.requirements().isEmpty()) {
            return "no libraries from the system";
        }
        String sonames = String.join(", ", needs.requirements().keySet());
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

    /** {@code check --why VERSION}: every symbol of the input that requires the version, per platform and soname. */
    static boolean printWhy(PrintWriter out, CheckReport r, String version) {
        List<CheckReport.Why> whys = r.why(version);
        if (whys.isEmpty()) {
            out.println(r.path() + ": nothing requires " + version);
            return false;
        }
        out.println(r.path() + ": " + version);
        for (CheckReport.Why w : whys) {
            out.println("  " + w.soname() + " (" + w.platform().platform().label() + "), required by "
                    + String.join(", ", w.files()) + ":");
            if (w.symbols().isEmpty()) {
                out.println("    no symbol refers to it: the file" + (w.files().size() == 1 ? " requires" : "s require")
                        + " the version as a whole");
            }
            int width = w.symbols().stream().mapToInt(s -> s.name().length()).max().orElse(0);
            for (SymbolRef s : w.symbols()) {
                out.println("    " + s.name() + " ".repeat(width - s.name().length() + 2) + s.file());
            }
        }
        return true;
    }
}

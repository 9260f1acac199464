package org.distrocompat.core.query;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.distrocompat.core.check.BadInputException;
import org.distrocompat.core.check.InputContents;
import org.distrocompat.core.check.InputNeeds;
import org.distrocompat.core.check.InputWalker;
import org.distrocompat.core.check.WalkLimits;
import org.distrocompat.core.check.WheelName;
import org.distrocompat.core.policy.Policy;
import org.distrocompat.core.policy.PolicyJudge;
import org.distrocompat.db.model.Libc;
import org.distrocompat.db.model.SymbolVersions;
import org.distrocompat.db.snapshot.ReleaseSnapshot;
import org.distrocompat.db.snapshot.SnapshotCell;

/**
 * Which stored releases does a binary run on, and are its tags true: the check as a library call, shared by
 * the CLI ({@code check}) and the HTTP API. Build once per snapshot; {@link #check} is thread-safe.
 */
public final class Checker {
    private static final Set<String> ARCHES = Set.of("x86_64", "i686", "aarch64", "armv7l", "ppc64le", "ppc64",
            "s390x", "riscv64", "loongarch64");
    private static final Pattern MANYLINUX = Pattern.compile("manylinux_(\\d+)_(\\d+)|manylinux1|manylinux2010|manylinux2014");
    private static final Pattern MUSLLINUX = Pattern.compile("musllinux_(\\d+)_(\\d+)");

    private final CheckQuery query;
    private final PolicyJudge manylinux;
    private final PolicyJudge extra;
    private final PolicyJudge extraMusl;
    private final MuslSymbols musl;
    private final WalkLimits limits;

    /**
     * @param snapshot the release data
     * @param extra    an additional policy file to evaluate (the project's derived policy), or null
     */
    public Checker(ReleaseSnapshot snapshot, PolicyJudge extra, WalkLimits limits) {
        this(snapshot, extra, null, limits);
    }

    /** @param extraMusl an additional musllinux policy file for musl inputs (the derived one), or null */
    public Checker(ReleaseSnapshot snapshot, PolicyJudge extra, PolicyJudge extraMusl, WalkLimits limits) {
        this.query = new CheckQuery(snapshot.cells());
        this.manylinux = PolicyJudge.officialManylinux();
        this.extra = extra;
        this.extraMusl = extraMusl;
        this.musl = new MuslSymbols(snapshot.cells());
        this.limits = limits;
    }

    public Checker(ReleaseSnapshot snapshot) {
        this(snapshot, null, WalkLimits.DEFAULT);
    }

    public CheckQuery query() {
        return query;
    }

    /** Checks one input; {@code arch} (wheel name) restricts the analysis to that architecture's ELF files. */
    public CheckReport check(Path input, String arch) throws BadInputException {
        InputContents contents = InputWalker.walk(input, limits);
        String fileName = input.getFileName() == null ? input.toString() : input.getFileName().toString();
        return check(input.toString(), fileName, contents, arch);
    }

    /** Checks an input given as a stream (an HTTP upload); {@code fileName} gives the claimed tags. */
    public CheckReport check(InputStream input, String fileName, String arch) throws BadInputException {
        return check(fileName, fileName, InputWalker.walk(input, fileName, limits), arch);
    }

    /** Checks an input already walked; {@code fileName} gives the claimed tags when it is a wheel's name. */
    public CheckReport check(String path, String fileName, InputContents contents, String arch) {
        InputNeeds needs = InputNeeds.of(contents, arch);
        List<CheckQuery.Verdict> verdicts = List.of();
        List<String> notInBase = List.of();
        String overall = null;
        String sym = null;
        String policyTag = null;
        if (needs.arch() != null) {
            String libc = needs.libc() == null ? "glibc" : needs.libc();
            verdicts = query.verdicts(needs.arch(), libc, needs.requirements());
            if ("musl".equals(libc)) {
                verdicts = musl.judge(verdicts, needs); // musl: symbol names decide too
            }
            notInBase = query.notInBaseSystem(needs.arch(), libc, needs.requirements());
            PolicyJudge official = "musl".equals(libc) ? PolicyJudge.officialMusllinux() : manylinux;
            overall = official.bestTag(needs.arch(), needs.requirements(), false);
            sym = official.bestTag(needs.arch(), needs.requirements(), true);
            PolicyJudge derived = "musl".equals(libc) ? extraMusl : extra;
            if (derived != null) {
                policyTag = derived.bestTag(needs.arch(), needs.requirements(), false);
            }
        }
        String oldest = null;
        for (CheckQuery.Verdict v : verdicts) {
            String g = v.cell().glibc();
            if (v.compatible() && g != null && v.cell().libc() == Libc.GLIBC && SymbolVersions.isNumeric(g)
                    && (oldest == null || SymbolVersions.compareNumeric(g, oldest) < 0)) {
                oldest = g;
            }
        }
        WheelName wheel = WheelName.parse(fileName);
        List<String> claimed = wheel == null ? List.of() : wheel.platformTags();
        List<CheckReport.TagVerdict> tagVerdicts = new ArrayList<>();
        for (String tag : claimed) {
            tagVerdicts.add(judge(tag, contents, needs));
        }
        return new CheckReport(path, wheel == null ? null : fileName, needs, notInBase, verdicts, oldest, overall, sym,
                policyTag, derivedSource(needs.libc()), claimed, tagVerdicts, contents.skipped(),
                contents.bytesRead());
    }

    /** The file of the derived policy that judges an input of this libc, or null. */
    private String derivedSource(String libc) {
        PolicyJudge derived = "musl".equals(libc) ? extraMusl : extra;
        return derived == null ? null : derived.source();
    }

    /**
     * auditwheel's semantics for a claimed tag: a manylinux tag is accurate when the input's ELF files of that
     * arch satisfy the policy (symbol versions and lib_whitelist); a musllinux tag when they are linked against
     * musl (musl has no symbol versions); linux_ARCH when there are ELF files of ARCH; "any" and other
     * platforms when there are no ELF files at all.
     */
    CheckReport.TagVerdict judge(String tag, InputContents contents, InputNeeds mainNeeds) {
        String arch = null;
        String platform = tag;
        for (String a : ARCHES) {
            if (tag.endsWith("_" + a) && (arch == null || a.length() > arch.length())) {
                arch = a;
            }
        }
        if (arch != null) {
            platform = tag.substring(0, tag.length() - arch.length() - 1);
        }
        boolean linux = platform.equals("linux") || MANYLINUX.matcher(platform).matches()
                || MUSLLINUX.matcher(platform).matches();
        if (!linux || arch == null) {
            if (contents.elfFiles().isEmpty()) {
                return new CheckReport.TagVerdict(tag, true, null);
            }
            return new CheckReport.TagVerdict(tag, false, "the input holds Linux ELF files ("
                    + String.join(", ", mainNeeds.arches()) + ") but the tag is not a Linux one");
        }
        InputNeeds needs = arch.equals(mainNeeds.arch()) ? mainNeeds : InputNeeds.of(contents, arch);
        if (contents.elfFiles().isEmpty()) {
            return new CheckReport.TagVerdict(tag, true, "no ELF files: nothing binary to judge");
        }
        if (needs.elfPaths().isEmpty()) {
            return new CheckReport.TagVerdict(tag, false, "no ELF file for " + arch + " (the ELF files are "
                    + String.join(", ", needs.arches()) + ")");
        }
        if (platform.equals("linux")) {
            return new CheckReport.TagVerdict(tag, true, null);
        }
        Matcher musl = MUSLLINUX.matcher(platform);
        if (musl.matches()) {
            if ("glibc".equals(needs.libc())) {
                return new CheckReport.TagVerdict(tag, false, "linked against glibc, not musl");
            }
            Policy p = PolicyJudge.officialMusllinux().byName(platform);
            String why = p == null ? null : PolicyJudge.violation(p, arch, needs.requirements(), false);
            return new CheckReport.TagVerdict(tag, why == null, why);
        }
        if ("musl".equals(needs.libc())) {
            return new CheckReport.TagVerdict(tag, false, "linked against musl, not glibc");
        }
        Policy p = manylinux.byName(platform);
        if (p == null) {
            String onArch = arch;
            p = Policy.libcVersionOf(platform).filter(v -> v.family() == Policy.Family.MANYLINUX)
                    .map(v -> manylinux.forGlibc(v.major(), v.minor(), onArch)).orElse(null);
        }
        if (p == null) {
            return new CheckReport.TagVerdict(tag, false, "no " + platform + " policy is known for " + arch);
        }
        String why = PolicyJudge.violation(p, arch, needs.requirements(), false);
        return new CheckReport.TagVerdict(tag, why == null, why);
    }

    /**
     * The first missing need of a verdict in words — of the first soname and prefix that fall short, the highest
     * version: "needs GLIBCXX_3.4.22, has up to 3.4.19".
     */
    public static String firstMissing(CheckQuery.Verdict v) {
        if (v.missing().isEmpty() && !v.missingSymbols().isEmpty()) {
            int more = v.missingSymbols().size() - 1;
            return "lacks " + v.missingSymbols().get(0).describe() + (more > 0 ? " (+" + more + " more missing)" : "");
        }
        if (v.missing().isEmpty()) {
            return null;
        }
        CheckQuery.Missing m = v.missing().get(0);
        if (m.version() == null) {
            return "no " + m.soname();
        }
        String prefix = SymbolVersions.prefix(m.version());
        // the highest missing version of that prefix says more than the lowest ("needs GLIBC_2.38", not "2.32")
        for (CheckQuery.Missing x : v.missing()) {
            if (x.version() != null && SymbolVersions.prefix(x.version()).equals(prefix)
                    && InputNeeds.NAME_ORDER.compare(x.version(), m.version()) > 0
                    && SymbolVersions.isNumeric(SymbolVersions.version(x.version()))) {
                m = x;
            }
        }
        String max = CheckQuery.maxVersion(v.cell(), prefix);
        String more = v.missing().size() > 1 ? " (+" + (v.missing().size() - 1) + " more missing)" : "";
        return "needs " + m.version() + ", has " + (max == null ? "no " + prefix : "up to " + max) + more;
    }

    static boolean isCrawled(SnapshotCell c) {
        return c.isCrawled();
    }
}

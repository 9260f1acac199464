package org.distrocompat.core.query;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.distrocompat.core.check.AbiFacts;
import org.distrocompat.core.check.BadInputException;
import org.distrocompat.core.check.InputContents;
import org.distrocompat.core.check.InputNeeds;
import org.distrocompat.core.check.InputWalker;
import org.distrocompat.core.check.Platform;
import org.distrocompat.core.check.PlatformGroups;
import org.distrocompat.core.check.SymbolRef;
import org.distrocompat.core.check.WalkLimits;
import org.distrocompat.core.check.WheelName;
import org.distrocompat.core.policy.Policy;
import org.distrocompat.core.policy.PolicyAudit;
import org.distrocompat.core.policy.PolicyJudge;
import org.distrocompat.db.model.Arch;
import org.distrocompat.db.model.SymbolVersions;
import org.distrocompat.db.snapshot.ReleaseSnapshot;

/**
 * Which stored releases does a binary run on, and are its tags true: the check as a library call, shared by
 * the CLI ({@code check}) and the HTTP API. An input's native files are grouped by platform; each Linux platform of
 * an architecture with a wheel tag (or with stored releases) is judged against the stored releases of its
 * architecture and libc and by auditwheel's policy of its libc ({@link PolicyAudit}); Android files by auditwheel's
 * Android policy; other systems' files are listed, not judged. Build once per snapshot; {@link #check} is
 * thread-safe.
 */
public final class Checker {
    private static final Pattern MANYLINUX = Pattern.compile("manylinux_(\\d+)_(\\d+)|manylinux1|manylinux2010|manylinux2014");
    private static final Pattern MUSLLINUX = Pattern.compile("musllinux_(\\d+)_(\\d+)");
    private static final Pattern ANDROID = Pattern.compile("android_(\\d+)");
    /** Android's architecture names in tags, to the ELF names. */
    private static final Map<String, String> ANDROID_ARCHES = Map.of("arm64_v8a", "aarch64", "armeabi_v7a", "armv7l",
            "x86", "i686", "x86_64", "x86_64");

    private final CheckQuery query;
    private final PolicyJudge manylinux;
    private final PolicyJudge extra;
    private final PolicyJudge extraMusl;
    private final MuslSymbols musl;
    private final WalkLimits limits;
    private final List<ReleaseJudgement> judgements;

    /**
     * @param snapshot   the release data
     * @param extra      an additional policy file to evaluate (the project's derived manylinux policy), or null
     * @param extraMusl  the same for musl inputs (the derived musllinux policy), or null
     * @param limits     the input walk's limits
     * @param judgements further per-release tests for the platforms they apply to
     */
    public Checker(ReleaseSnapshot snapshot, PolicyJudge extra, PolicyJudge extraMusl, WalkLimits limits,
            List<ReleaseJudgement> judgements) {
        this.query = new CheckQuery(snapshot.cells());
        this.manylinux = PolicyJudge.officialManylinux();
        this.extra = extra;
        this.extraMusl = extraMusl;
        this.musl = new MuslSymbols(snapshot.cells());
        this.limits = limits;
        this.judgements = List.copyOf(judgements);
    }

    public Checker(ReleaseSnapshot snapshot, PolicyJudge extra, PolicyJudge extraMusl, WalkLimits limits) {
        this(snapshot, extra, extraMusl, limits, List.of());
    }

    public Checker(ReleaseSnapshot snapshot, PolicyJudge extra, WalkLimits limits) {
        this(snapshot, extra, null, limits, List.of());
    }

    public Checker(ReleaseSnapshot snapshot) {
        this(snapshot, null, WalkLimits.DEFAULT);
    }

    public CheckQuery query() {
        return query;
    }

    /** Checks one input; {@code arch} (wheel name) restricts the analysis to that architecture's files. */
    public CheckReport check(Path input, String arch) throws BadInputException {
        InputContents contents = InputWalker.walk(input, limits);
        String fileName = input.getFileName() == null ? input.toString() : input.getFileName().toString();
        return check(input.toString(), fileName, contents, arch);
    }

    /** Checks an input given as a stream (an HTTP upload); {@code fileName} gives the claimed tags. */
    public CheckReport check(InputStream input, String fileName, String arch) throws BadInputException {
        return check(fileName, fileName, InputWalker.walk(input, fileName, limits), arch);
    }

    /**
     * Checks an input already walked; {@code fileName} gives the claimed tags when it is a wheel's name. Bad input:
     * an {@code arch} the input has no files of; an input whose Linux files are all of architectures that have no
     * wheel tag and no stored release ("no wheel tag for ARCH").
     */
    public CheckReport check(String path, String fileName, InputContents contents, String arch)
            throws BadInputException {
        WheelName wheel = WheelName.parse(fileName);
        List<String> claimed = wheel == null ? List.of() : wheel.platformTags();
        TagHint hint = TagHint.of(claimed);
        List<PlatformGroups.Group> groups = PlatformGroups.of(contents, hint.libc());
        if (arch != null) {
            groups = groups.stream().filter(g -> g.platform().arch().equals(arch)).toList();
            if (groups.isEmpty() && !contents.elfFiles().isEmpty()) {
                throw new BadInputException("no native file for " + arch + " (the ELF files are "
                        + String.join(", ", arches(contents)) + ")");
            }
        }
        List<PlatformReport> platforms = new ArrayList<>();
        for (PlatformGroups.Group g : groups) {
            platforms.add(report(g, contents, hint));
        }
        PlatformReport primary = primary(platforms, hint);
        if (primary != null && primary.linux() && !primary.judged()
                && platforms.stream().noneMatch(p -> p.linux() && p.judged())) {
            throw new BadInputException("no wheel tag for " + primary.platform().arch() + ": "
                    + primary.files().get(0) + " is a Linux " + primary.platform().arch() + " binary; wheels are "
                    + "tagged for " + String.join(", ", Arch.wheelNames()) + ", and no release of "
                    + primary.platform().arch() + " is stored");
        }
        List<CheckReport.TagVerdict> tagVerdicts = new ArrayList<>();
        for (String tag : claimed) {
            tagVerdicts.add(judge(tag, contents, platforms));
        }
        boolean muslPrimary = primary != null && Platform.MUSL.equals(primary.platform().libc());
        PolicyJudge derived = muslPrimary ? extraMusl : extra;
        return new CheckReport(path, wheel == null ? null : fileName, arches(contents), platforms, primary,
                derived == null ? null : derived.source(), claimed, tagVerdicts, contents.skipped(), contents.bytesRead());
    }

    private static List<String> arches(InputContents contents) {
        return contents.elfFiles().stream().map(m -> m.elf().machineName()).distinct().sorted().toList();
    }

    /** What the wheel's tags say of its platform: the architecture and libc of its first Linux tag, Android's level. */
    private record TagHint(String arch, String libc, int androidLevel) {
        static TagHint of(List<String> tags) {
            for (String tag : tags) {
                ParsedTag t = ParsedTag.of(tag);
                if (t.arch() == null) {
                    continue;
                }
                if (MANYLINUX.matcher(t.platform()).matches()) {
                    return new TagHint(t.arch(), Platform.GLIBC, 0);
                }
                if (MUSLLINUX.matcher(t.platform()).matches()) {
                    return new TagHint(t.arch(), Platform.MUSL, 0);
                }
                if (t.platform().equals("linux")) {
                    return new TagHint(t.arch(), null, 0);
                }
                Matcher a = ANDROID.matcher(t.platform());
                if (a.matches()) {
                    return new TagHint(t.arch(), Platform.BIONIC, PolicyJudge.androidLevel(t.platform()));
                }
            }
            return new TagHint(null, null, 0);
        }
    }

    /** A platform tag split into its platform and architecture (null when no known architecture ends it). */
    private record ParsedTag(String platform, String arch) {
        static ParsedTag of(String tag) {
            if (tag.startsWith("android_")) {
                for (var e : ANDROID_ARCHES.entrySet()) {
                    if (tag.endsWith("_" + e.getKey())) {
                        return new ParsedTag(tag.substring(0, tag.length() - e.getKey().length() - 1), e.getValue());
                    }
                }
                return new ParsedTag(tag, null);
            }
            String arch = null;
            for (String a : Arch.wheelNames()) {
                if (tag.endsWith("_" + a) && (arch == null || a.length() > arch.length())) {
                    arch = a;
                }
            }
            return arch == null ? new ParsedTag(tag, null)
                    : new ParsedTag(tag.substring(0, tag.length() - arch.length() - 1), arch);
        }
    }

    private PlatformReport report(PlatformGroups.Group g, InputContents contents, TagHint hint) {
        Platform p = g.platform();
        if (!g.foreign().isEmpty()) {
            String format = g.foreign().get(0).format();
            return notJudged(p, format, g.paths(), "a " + format + " binary for " + p.os().display() + ": not judged");
        }
        InputNeeds needs = InputNeeds.of(contents, p, g.elfFiles());
        AbiFacts facts = AbiFacts.of(g.elfFiles());
        if (p.os() == Platform.Os.ANDROID) {
            PolicyJudge android = hint.androidLevel() > 0 ? PolicyJudge.officialAndroid().forAndroidLevel(hint.androidLevel())
                    : null;
            PolicyAudit.Result audit = PolicyAudit.audit(android != null ? android : PolicyJudge.officialAndroid(),
                    p.arch(), needs, facts);
            return new PlatformReport(p, "ELF", g.paths(), true, "Android (bionic): judged by auditwheel's Android "
                    + "policy, not against Linux distributions", needs, facts, List.of(), List.of(), null, audit, null);
        }
        if (!p.isLinux()) {
            return notJudged(p, "ELF", g.paths(), "not a Linux binary, not judged");
        }
        if (!p.hasWheelTag() && !query.hasArch(p.arch())) {
            return notJudged(p, "ELF", g.paths(), "no wheel tag for " + p.arch() + " and no release of it is stored: "
                    + "not judged");
        }
        String libc = p.libc() == null ? Platform.GLIBC : p.libc();
        boolean isMusl = Platform.MUSL.equals(libc);
        List<CheckQuery.Verdict> verdicts = query.verdicts(needs, libc);
        if (isMusl) {
            verdicts = musl.judge(verdicts, needs); // musl has no symbol versions: the libc's symbol names decide
        }
        verdicts = withJudgements(verdicts, p, needs);
        List<String> notInBase = query.notInBaseSystem(p.arch(), libc, needs.requirements());
        PolicyJudge official = isMusl ? PolicyJudge.officialMusllinux().newestOnly() : manylinux;
        PolicyAudit.Result audit = PolicyAudit.audit(official, p.arch(), needs, facts);
        PolicyJudge derived = isMusl ? extraMusl : extra;
        String policyTag = derived == null ? null : PolicyAudit.audit(derived, p.arch(), needs, facts).overallTag();
        return new PlatformReport(p, "ELF", g.paths(), true, null, needs, facts, notInBase, verdicts,
                oldest(verdicts, libc), audit, policyTag);
    }

    private static PlatformReport notJudged(Platform p, String format, List<String> files, String note) {
        return new PlatformReport(p, format, files, false, note, null, null, List.of(), List.of(), null, null, null);
    }

    private List<CheckQuery.Verdict> withJudgements(List<CheckQuery.Verdict> verdicts, Platform p, InputNeeds needs) {
        List<ReleaseJudgement> apply = judgements.stream().filter(j -> j.appliesTo(p)).toList();
        if (apply.isEmpty()) {
            return verdicts;
        }
        List<CheckQuery.Verdict> out = new ArrayList<>(verdicts.size());
        for (CheckQuery.Verdict v : verdicts) {
            List<CheckQuery.Missing> missing = new ArrayList<>(v.missing());
            for (ReleaseJudgement j : apply) {
                missing.addAll(j.missing(v.cell(), needs));
            }
            out.add(new CheckQuery.Verdict(v.cell(), missing.isEmpty() && v.missingSymbols().isEmpty(), missing,
                    v.notCovered(), v.missingSymbols()));
        }
        return out;
    }

    /** The lowest libc version among the compatible releases of that libc, or null. */
    private static String oldest(List<CheckQuery.Verdict> verdicts, String libc) {
        String oldest = null;
        for (CheckQuery.Verdict v : verdicts) {
            String g = v.cell().glibc();
            if (v.compatible() && g != null && v.cell().libc().dbName().equals(libc) && SymbolVersions.isNumeric(g)
                    && (oldest == null || SymbolVersions.compareNumeric(g, oldest) < 0)) {
                oldest = g;
            }
        }
        return oldest;
    }

    /**
     * The platform the top-level fields describe: the wheel tag's architecture and libc when it is a wheel, else
     * the first judged Linux platform (x86_64 first), else the first Linux one, else the first of any; null when the
     * input has no native file.
     */
    private static PlatformReport primary(List<PlatformReport> platforms, TagHint hint) {
        if (hint.arch() != null) {
            String os = Platform.BIONIC.equals(hint.libc()) ? "android" : "linux";
            PlatformReport sameArch = null;
            for (PlatformReport r : platforms) {
                if (r.platform().os().id().equals(os) && r.platform().arch().equals(hint.arch())) {
                    if (hint.libc() == null || hint.libc().equals(r.platform().libc())) {
                        return r;
                    }
                    sameArch = sameArch == null ? r : sameArch;
                }
            }
            if (sameArch != null) {
                return sameArch;
            }
        }
        return platforms.stream().filter(r -> r.linux() && r.judged()).findFirst()
                .or(() -> platforms.stream().filter(PlatformReport::linux).findFirst())
                .or(() -> platforms.stream().findFirst()).orElse(null);
    }

    /**
     * auditwheel's semantics for a claimed tag: manylinux_X_Y (or an alias) is accurate when the glibc files of its
     * arch satisfy that policy on every criterion ({@link PolicyAudit#violation}); musllinux_X_Y the same for the
     * musl files; android_N_ARCH for the Android files by the Android policy of level N; linux_ARCH when there are
     * Linux files of ARCH; other platforms (and "any") when there are no Linux or Android ELF files at all.
     */
    CheckReport.TagVerdict judge(String tag, InputContents contents, List<PlatformReport> platforms) {
        ParsedTag t = ParsedTag.of(tag);
        String platform = t.platform();
        String arch = t.arch();
        Matcher android = ANDROID.matcher(platform);
        boolean linux = platform.equals("linux") || MANYLINUX.matcher(platform).matches()
                || MUSLLINUX.matcher(platform).matches();
        if (arch == null || !linux && !android.matches()) {
            List<String> elfPlatforms = platforms.stream().filter(r -> r.format().equals("ELF")
                    && (r.linux() || r.platform().os() == Platform.Os.ANDROID)).map(r -> r.platform().label()).toList();
            if (elfPlatforms.isEmpty()) {
                return new CheckReport.TagVerdict(tag, true, null);
            }
            return new CheckReport.TagVerdict(tag, false, "the input holds Linux ELF files ("
                    + String.join(", ", elfPlatforms) + ") but the tag is not a Linux one");
        }
        if (contents.elfFiles().isEmpty()) {
            return new CheckReport.TagVerdict(tag, true, "no ELF files: nothing binary to judge");
        }
        if (android.matches()) {
            PlatformReport r = platforms.stream().filter(x -> x.platform().os() == Platform.Os.ANDROID
                    && x.platform().arch().equals(arch)).findFirst().orElse(null);
            if (r == null) {
                return new CheckReport.TagVerdict(tag, false, "no Android ELF file for " + arch);
            }
            PolicyJudge level = PolicyJudge.officialAndroid().forAndroidLevel(PolicyJudge.androidLevel(platform));
            if (level == null) {
                return new CheckReport.TagVerdict(tag, false, "no Android policy is as old as " + platform);
            }
            String why = PolicyAudit.violation(level.byPriority().get(0), arch, r.needs(), r.facts());
            return new CheckReport.TagVerdict(tag, why == null, why);
        }
        List<PlatformReport> ofArch = platforms.stream().filter(r -> r.linux() && r.needs() != null
                && r.platform().arch().equals(arch)).toList();
        if (ofArch.isEmpty()) {
            return new CheckReport.TagVerdict(tag, false, "no ELF file for " + arch + " (the ELF files are "
                    + String.join(", ", arches(contents)) + ")");
        }
        if (platform.equals("linux")) {
            return new CheckReport.TagVerdict(tag, true, null);
        }
        boolean musl = MUSLLINUX.matcher(platform).matches();
        String wanted = musl ? Platform.MUSL : Platform.GLIBC;
        PlatformReport r = ofArch.stream().filter(x -> wanted.equals(x.platform().libc())).findFirst()
                .or(() -> ofArch.stream().filter(x -> x.platform().libc() == null).findFirst()).orElse(null);
        if (r == null) {
            return new CheckReport.TagVerdict(tag, false, "linked against " + (musl ? "glibc, not musl" : "musl, not glibc"));
        }
        Policy p;
        if (musl) {
            p = PolicyJudge.officialMusllinux().byName(platform);
        } else {
            p = manylinux.byName(platform);
            if (p == null) {
                p = Policy.libcVersionOf(platform).filter(v -> v.family() == Policy.Family.MANYLINUX)
                        .map(v -> manylinux.forGlibc(v.major(), v.minor(), arch)).orElse(null);
            }
        }
        if (p == null) {
            return new CheckReport.TagVerdict(tag, false, "no " + platform + " policy is known for " + arch);
        }
        String why = PolicyAudit.violation(p, arch, r.needs(), r.facts());
        return new CheckReport.TagVerdict(tag, why == null, why);
    }

    /**
     * The first missing need of a verdict in words — of the first soname and prefix that fall short, the highest
     * version, with the symbols behind it: "needs GLIBC_2.34 for pthread_create (in _core.so), has up to 2.17".
     */
    public static String firstMissing(CheckQuery.Verdict v) {
        if (v.missing().isEmpty() && !v.missingSymbols().isEmpty()) {
            // musl: a libc symbol name the release lacks, with the musl version that added it where the data says
            int more = v.missingSymbols().size() - 1;
            return "lacks " + v.missingSymbols().get(0).describe() + (more > 0 ? " (+" + more + " more missing)" : "");
        }
        if (v.missing().isEmpty()) {
            return null;
        }
        CheckQuery.Missing m = v.missing().get(0);
        String more = v.missing().size() > 1 ? " (+" + (v.missing().size() - 1) + " more missing)" : "";
        if (m.version() == null) {
            return m.symbols().isEmpty() ? "no " + m.soname() + more
                    : "no " + describe(m) + " in " + m.soname() + more;
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
        return "needs " + m.version() + (m.symbols().isEmpty() ? "" : " for " + describe(m)) + ", has "
                + (max == null ? "no " + prefix : "up to " + max) + more;
    }

    private static String describe(CheckQuery.Missing m) {
        String named = SymbolRef.describe(m.symbols(), CheckQuery.NAMED_SYMBOLS);
        int rest = m.symbolCount() - m.symbols().size();
        return named + (rest > 0 ? " and " + rest + " more" : "");
    }
}

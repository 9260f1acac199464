package org.distrocompat.core.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.distrocompat.core.check.AbiFacts;
import org.distrocompat.core.check.InputNeeds;
import org.distrocompat.core.check.SymbolRef;
import org.distrocompat.db.model.SymbolVersions;

/**
 * auditwheel's verdict on the ELF files of one platform, criterion by criterion as its {@code analyze_wheel_abi}
 * takes it, each giving the best policy it allows:
 * <ul>
 * <li>symbol versions: the best policy allowing every version name the files require (of any soname but glibc's
 * loader, shipped libraries' included: auditwheel's {@code versioned_symbols}); this is {@code sym_tag};</li>
 * <li>libraries: the best policy whose lib_whitelist holds every system soname the files need; libpython is never
 * on a manylinux or musllinux whitelist (PEP 513, 600, 656) and is reported apart;</li>
 * <li>blacklist: the best policy none of whose blacklisted symbols a top-level file refers to (undefined, not
 * weak) while needing the library that lists it;</li>
 * <li>PyFPE and UCS2 references in extensions, and x86-64 ISA levels above the baseline in top-level files:
 * {@code linux} when present.</li>
 * </ul>
 * {@code overall_tag} is the worst of them. Each criterion that holds the tag below the file's best policy is a
 * {@link Limit} with the reason and the symbols behind it.
 */
public final class PolicyAudit {
    /** How many symbols a reason names before "and N more". */
    static final int NAMED = 3;

    private PolicyAudit() {
    }

    /** The criteria; JSON names them by {@link #id()}. */
    public enum Criterion {
        SYMBOL_VERSIONS, LIBRARIES, LIBPYTHON, BLACKLIST, PYFPE, UCS2, ISA;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return id();
        }
    }

    /** A criterion that holds the tag below the best one: the best tag it allows, why, and the symbols behind it. */
    public record Limit(Criterion criterion, String tag, String reason, List<SymbolRef> symbols) {
        public Limit {
            symbols = List.copyOf(symbols);
        }
    }

    /**
     * The verdict: {@code overallTag} and {@code symTag} as auditwheel's {@code show --json} has them, the limits,
     * and auditwheel's three flags ({@code pyfpe}, {@code ucs2}, {@code unsupported_isa}).
     */
    public record Result(String overallTag, String symTag, List<Limit> limits, boolean pyfpe, boolean ucs2,
            boolean unsupportedIsa) {
        public Result {
            limits = List.copyOf(limits);
        }
    }

    public static Result audit(PolicyJudge judge, String arch, InputNeeds needs, AbiFacts facts) {
        List<Policy> candidates = judge.byPriority().stream().filter(p -> PolicyJudge.supports(p, arch)).toList();
        Policy linux = candidates.get(candidates.size() - 1);
        Policy highest = candidates.get(0);

        int sym = first(candidates, p -> PolicyJudge.firstDisallowedVersion(p, arch, needs.versionedSymbols()) == null);
        int libs = first(candidates, p -> withoutLibpython(PolicyJudge.externalLibraries(p, arch,
                needs.requirements().keySet())).isEmpty());
        List<String> libpython = PolicyJudge.externalLibraries(highest, arch, needs.requirements().keySet()).stream()
                .filter(s -> PolicyJudge.LIBPYTHON.matcher(s).matches()).toList();
        int blacklist = first(candidates, p -> blacklisted(p, facts).isEmpty());
        int last = candidates.size() - 1;

        List<Limit> limits = new ArrayList<>();
        if (sym > 0) {
            PolicyJudge.Disallowed d = PolicyJudge.firstDisallowedVersion(candidates.get(sym - 1), arch,
                    needs.versionedSymbols());
            limits.add(new Limit(Criterion.SYMBOL_VERSIONS, tag(candidates.get(sym), arch),
                    versionReason(d, candidates.get(sym - 1), needs), needs.symbolsFor(d.soname(), d.version())));
        }
        if (libs > 0) {
            List<String> external = withoutLibpython(PolicyJudge.externalLibraries(candidates.get(libs - 1), arch,
                    needs.requirements().keySet()));
            limits.add(new Limit(Criterion.LIBRARIES, tag(candidates.get(libs), arch), "links "
                    + String.join(", ", external) + ", which " + (libs == last ? "no " + family(highest) + " policy allows"
                    : candidates.get(libs - 1).name() + " does not allow") + " (not provided by every system of the tag:"
                    + " ship it, or link it statically)", List.of()));
        }
        if (!libpython.isEmpty() && last > 0) {
            limits.add(new Limit(Criterion.LIBPYTHON, tag(linux, arch), "links " + String.join(", ", libpython)
                    + ": an extension module must not link libpython (PEP 513, 600, 656): the interpreter that loads it"
                    + " provides those symbols, and may be linked statically", List.of()));
        }
        if (blacklist > 0) {
            Map<String, List<SymbolRef>> hits = blacklisted(candidates.get(blacklist - 1), facts);
            List<SymbolRef> refs = hits.values().stream().flatMap(List::stream).toList();
            limits.add(new Limit(Criterion.BLACKLIST, tag(candidates.get(blacklist), arch), "uses "
                    + describeBySoname(hits) + ", blacklisted by " + (blacklist == last ? "every " + family(highest)
                    + " policy" : candidates.get(blacklist - 1).name()) + " (some systems' libraries lack them)", refs));
        }
        if (!facts.pyfpe().isEmpty() && last > 0) {
            limits.add(new Limit(Criterion.PYFPE, tag(linux, arch), "uses " + SymbolRef.describe(facts.pyfpe(), NAMED)
                    + ": only a CPython built --with-fpectl defines it (PEP 513)", facts.pyfpe()));
        }
        if (!facts.ucs2().isEmpty() && last > 0) {
            limits.add(new Limit(Criterion.UCS2, tag(linux, arch), "uses " + SymbolRef.describe(facts.ucs2(), NAMED)
                    + ": built for a narrow-unicode (UCS2) CPython 2", facts.ucs2()));
        }
        if (!facts.isaLevels().isEmpty() && last > 0) {
            var e = facts.isaLevels().entrySet().iterator().next();
            limits.add(new Limit(Criterion.ISA, tag(linux, arch), e.getKey() + " needs " + AbiFacts.isaName(e.getValue())
                    + " (its GNU property note)" + (facts.isaLevels().size() > 1 ? " and " + (facts.isaLevels().size() - 1)
                    + " more file(s) need more than the baseline" : "") + "; the tags promise the x86-64 baseline only",
                    List.of()));
        }
        int overall = Math.max(Math.max(sym, libs), blacklist);
        if (limits.stream().anyMatch(l -> l.criterion() == Criterion.LIBPYTHON || l.criterion() == Criterion.PYFPE
                || l.criterion() == Criterion.UCS2 || l.criterion() == Criterion.ISA)) {
            overall = last;
        }
        return new Result(tag(candidates.get(overall), arch), tag(candidates.get(sym), arch), limits,
                !facts.pyfpe().isEmpty(), !facts.ucs2().isEmpty(), !facts.isaLevels().isEmpty());
    }

    /** Why {@code policy} does not hold for these files on {@code arch} (the first criterion it fails), or null. */
    public static String violation(Policy policy, String arch, InputNeeds needs, AbiFacts facts) {
        if (!PolicyJudge.supports(policy, arch)) {
            return policy.name() + " is not defined for " + arch;
        }
        if (policy.isLinux()) {
            return null;
        }
        PolicyJudge.Disallowed d = PolicyJudge.firstDisallowedVersion(policy, arch, needs.versionedSymbols());
        if (d != null) {
            return versionReason(d, policy, needs);
        }
        List<String> external = PolicyJudge.externalLibraries(policy, arch, needs.requirements().keySet());
        for (String s : external) {
            if (PolicyJudge.LIBPYTHON.matcher(s).matches()) {
                return "links " + s + ", which no extension module may (PEP 513, 600, 656)";
            }
        }
        if (!external.isEmpty()) {
            return "links " + external.get(0) + ", which " + policy.name() + " does not allow";
        }
        Map<String, List<SymbolRef>> hits = blacklisted(policy, facts);
        if (!hits.isEmpty()) {
            return "uses " + describeBySoname(hits) + ", which " + policy.name() + " blacklists";
        }
        if (!facts.pyfpe().isEmpty()) {
            return "uses " + SymbolRef.describe(facts.pyfpe(), NAMED) + " (PEP 513 forbids it)";
        }
        if (!facts.ucs2().isEmpty()) {
            return "uses " + SymbolRef.describe(facts.ucs2(), NAMED) + " (a narrow-unicode CPython's)";
        }
        if (!facts.isaLevels().isEmpty()) {
            var e = facts.isaLevels().entrySet().iterator().next();
            return e.getKey() + " needs " + AbiFacts.isaName(e.getValue()) + ", above the x86-64 baseline";
        }
        return null;
    }

    /** The symbols of a policy's blacklist the top-level files use, by soname (sorted); "*" lists everything. */
    static Map<String, List<SymbolRef>> blacklisted(Policy policy, AbiFacts facts) {
        Map<String, List<SymbolRef>> hits = new LinkedHashMap<>();
        if (policy.blacklist().isEmpty()) {
            return hits;
        }
        for (AbiFacts.TopLevel t : facts.topLevel()) {
            for (String soname : t.needed()) {
                List<String> listed = policy.blacklist().get(soname);
                if (listed == null) {
                    continue;
                }
                for (String sym : new TreeSet<>(listed)) {
                    if (sym.equals("*") || t.undefined().contains(sym)) {
                        hits.computeIfAbsent(soname, k -> new ArrayList<>()).add(new SymbolRef(t.path(), sym));
                    }
                }
            }
        }
        return hits;
    }

    private static String describeBySoname(Map<String, List<SymbolRef>> hits) {
        List<String> parts = new ArrayList<>();
        hits.forEach((soname, refs) -> parts.add(SymbolRef.describe(refs, NAMED) + " of " + soname));
        return String.join("; ", parts);
    }

    /** "needs GLIBC_2.34 (libc.so.6) for pthread_create (in x.so); manylinux_2_31 allows GLIBC up to 2.31". */
    private static String versionReason(PolicyJudge.Disallowed d, Policy policy, InputNeeds needs) {
        List<SymbolRef> refs = needs.symbolsFor(d.soname(), d.version());
        return "needs " + d.version() + " (" + d.soname() + ")" + (refs.isEmpty() ? "" : " for "
                + SymbolRef.describe(refs, NAMED)) + "; " + policy.name() + " allows " + SymbolVersions.prefix(d.version())
                + (d.allowedMax() == null ? " none" : " up to " + d.allowedMax());
    }

    private static List<String> withoutLibpython(List<String> sonames) {
        return sonames.stream().filter(s -> !PolicyJudge.LIBPYTHON.matcher(s).matches()).toList();
    }

    private static String family(Policy p) {
        int i = p.name().indexOf('_');
        return i < 0 ? p.name() : p.name().substring(0, i);
    }

    private static String tag(Policy p, String arch) {
        return PolicyJudge.tag(p, arch);
    }

    private static int first(List<Policy> candidates, Predicate<Policy> test) {
        for (int i = 0; i < candidates.size(); i++) {
            if (test.test(candidates.get(i))) {
                return i;
            }
        }
        return candidates.size() - 1;
    }
}

package org.distrocompat.core.policy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.distrocompat.core.calendar.ReleaseCalendar;
import org.distrocompat.core.calendar.SupportStatus;
import org.distrocompat.db.Database;
import org.distrocompat.db.model.Libc;
import org.distrocompat.db.model.SymbolVersions;
import org.distrocompat.db.query.PolicyCell;
import org.distrocompat.db.query.PolicyFacts;

/**
 * Derives manylinux policies by the PEP 600 rule: on each arch and for each prefix, manylinux_2_Y allows
 * the versions every mainstream release on that arch with glibc ≥ 2.Y defines. Refinements, each visible in
 * the derivation:
 * <ul>
 * <li>Only releases whose data covers a prefix take part in its intersection: a pep600 record without a
 * LIBATOMIC entry says nothing about libatomic, one with {@code "LIBATOMIC": []} says "none".</li>
 * <li>GLIBC versions newer than 2.Y are never allowed in manylinux_2_Y (a glibc 2.Y system lacks them even
 * when no 2.Y release is on that arch); a non-numeric GLIBC name (ABI_DT_RELR) counts as new as the oldest
 * glibc in the database that defines it. Names in the configuration's {@code never} list
 * (GLIBC_PRIVATE) are never allowed.</li>
 * <li>lib_whitelist: the configured candidates (auditwheel's list) that no release in scope is known to lack.
 * A release is known to lack a library when its data covers the library's prefix with no versions
 * (e.g. {@code "LIBATOMIC": []}: no libatomic.so.1).</li>
 * <li>blacklist: exported symbols of whitelisted libraries that some release in scope (with symbol data for
 * that library) lacks while another exports them unversioned or under a version the policy allows — the
 * symbols the version check would not catch.</li>
 * </ul>
 * One policy per glibc 2.Y that some mainstream release has; {@code linux} first; manylinux1/2010/2014 as
 * aliases of 2_5/2_12/2_17 with auditwheel's priorities, which fall as Y grows.
 */
public final class PolicyGenerator {

    /** Arch order of auditwheel's file. */
    public static final List<String> ARCH_ORDER = List.of("i686", "x86_64", "aarch64", "ppc64", "ppc64le", "s390x",
            "armv7l", "riscv64", "loongarch64");
    public static final Map<Integer, String> LEGACY_ALIASES = Map.of(5, "manylinux1", 12, "manylinux2010", 17,
            "manylinux2014");
    private static final int[][] PRIORITY_ANCHORS = {{5, 100}, {12, 90}, {17, 80}, {24, 70}, {26, 68}};

    /** Which sonames a prefix's versions live in: covering the prefix with no versions means the release lacks them. */
    static final Map<String, String> PREFIX_OF_SONAME = Map.ofEntries(
            Map.entry("libatomic.so.1", "LIBATOMIC"), Map.entry("libz.so.1", "ZLIB"),
            Map.entry("libstdc++.so.6", "GLIBCXX"), Map.entry("libgcc_s.so.1", "GCC"),
            Map.entry("libc.so.6", "GLIBC"), Map.entry("libm.so.6", "GLIBC"), Map.entry("libdl.so.2", "GLIBC"),
            Map.entry("librt.so.1", "GLIBC"), Map.entry("libpthread.so.0", "GLIBC"),
            Map.entry("libresolv.so.2", "GLIBC"), Map.entry("libutil.so.1", "GLIBC"),
            Map.entry("libanl.so.1", "GLIBC"));

    private final MainstreamConfig config;
    /** The support of a release on the calendar's date, for naming EOL and rolling releases that bind; or null. */
    private final Function<PolicyCell, SupportStatus> support;
    /** With a date: only releases supported then count (the calendar replaces the status rule); or null. */
    private final LocalDate supportedAt;
    private final boolean includeExtended;

    /** {@link SymbolVersions#VERSION_ORDER} without regular expressions: this runs millions of times. */
    static final Comparator<String> ORDER = (a, b) -> {
        boolean na = numeric(a);
        boolean nb = numeric(b);
        if (na != nb) {
            return na ? -1 : 1;
        }
        return na ? SymbolVersions.compareNumeric(a, b) : a.compareTo(b);
    };

    static boolean numeric(String v) {
        if (v.isEmpty() || v.charAt(0) == '.' || v.charAt(v.length() - 1) == '.') {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '.' ? v.charAt(i - 1) == '.' : c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    public PolicyGenerator(MainstreamConfig config) {
        this(config, null, null, false);
    }

    private PolicyGenerator(MainstreamConfig config, Function<PolicyCell, SupportStatus> support, LocalDate supportedAt,
            boolean includeExtended) {
        this.config = config;
        this.support = support;
        this.supportedAt = supportedAt;
        this.includeExtended = includeExtended;
    }

    /**
     * This generator with a calendar: explanations name the binding releases that are end-of-life, rolling or in
     * development on {@code today}, with what the bound would be without them.
     */
    public PolicyGenerator withCalendar(ReleaseCalendar calendar, LocalDate today) {
        return new PolicyGenerator(config, c -> calendar.status(c.distro(), c.release(), null, c.status(), today),
                supportedAt, includeExtended);
    }

    /**
     * This generator scoped to the releases supported on {@code date} (extended support counted when asked): the
     * calendar replaces the status rule of the mainstream configuration; include and exclude still apply. The
     * calendar is also used as by {@link #withCalendar} for {@code date}.
     */
    public PolicyGenerator supportedAt(ReleaseCalendar calendar, LocalDate date, boolean withExtended) {
        return new PolicyGenerator(config, c -> calendar.status(c.distro(), c.release(), null, c.status(), date), date,
                withExtended);
    }

    /** auditwheel's priority for manylinux_2_Y: 100/90/80/70/68 for 2_5/12/17/24/26, 92 - Y from 2_27, falling in between. */
    public static int priority(int y) {
        if (y <= PRIORITY_ANCHORS[0][0]) {
            return 100 + (PRIORITY_ANCHORS[0][0] - y);
        }
        for (int i = 1; i < PRIORITY_ANCHORS.length; i++) {
            if (y <= PRIORITY_ANCHORS[i][0]) {
                return y == PRIORITY_ANCHORS[i][0] ? PRIORITY_ANCHORS[i][1]
                        : PRIORITY_ANCHORS[i - 1][1] - (y - PRIORITY_ANCHORS[i - 1][0]);
            }
        }
        return Math.max(1, 92 - y);
    }

    /** Derives the policies from what {@code db} stores; {@code arches} (empty: all) limits the output. */
    public PolicySet generate(Database db, Set<String> arches) {
        return generate(new PolicyFacts(db.jdbi()).cells(), arches);
    }

    /** Derives the policies from every stored cell; {@code arches} (empty: all) limits the output. */
    PolicySet generate(Collection<PolicyCell> cells, Set<String> arches) {
        List<PolicyCell> mainstream = new ArrayList<>();
        Map<String, String> excluded = new TreeMap<>();
        for (PolicyCell c : cells) {
            if (!arches.isEmpty() && !arches.contains(c.arch().wheelName())) {
                continue;
            }
            String why = config.exclusionReason(c, supportedAt == null);
            if (why == null && supportedAt != null) {
                SupportStatus s = support.apply(c);
                why = s.supported(includeExtended) ? null : "not supported on " + supportedAt + " (" + s.describe() + ")";
            }
            if (why == null && minorOfGlibcVersion(c.glibc()) < 0) {
                why = "glibc version '" + c.glibc() + "' is not 2.x";
            }
            if (why == null) {
                mainstream.add(c);
            } else {
                excluded.put(c.label() + " " + c.arch(), why);
            }
        }
        Map<String, Map<String, String>> introduced = glibcIntroductions(cells);
        TreeSet<Integer> minors = mainstream.stream().map(c -> minorOfGlibcVersion(c.glibc()))
                .collect(Collectors.toCollection(TreeSet::new));
        List<Policy> policies = new ArrayList<>();
        Map<String, Derivation> derivations = new LinkedHashMap<>();
        policies.add(Policy.linux());
        for (int y : minors) {
            derive(y, mainstream, introduced, policies, derivations);
        }
        List<String> labels = mainstream.stream().map(c -> c.label() + " " + c.arch()).sorted().toList();
        return new PolicySet(List.copyOf(policies), derivations, config, labels, excluded);
    }

    private void derive(int y, List<PolicyCell> mainstream, Map<String, Map<String, String>> introducedByArch,
            List<Policy> policies,
            Map<String, Derivation> derivations) {
        String name = "manylinux_2_" + y;
        Map<String, Map<String, List<String>>> symbolVersions = new LinkedHashMap<>();
        Map<String, List<String>> scopeLabels = new LinkedHashMap<>();
        Map<String, Map<String, Derivation.Bound>> bounds = new LinkedHashMap<>();
        List<PolicyCell> inScope = new ArrayList<>();
        List<String> arches = orderedArches(mainstream);
        // x86_64 first: the x86_64 gap rule caps the other arches at its bounds
        List<String> order = new ArrayList<>(arches);
        if (order.remove("x86_64")) {
            order.add(0, "x86_64");
        }
        Map<String, Map<String, List<String>>> byArch = new HashMap<>();
        // the policy below this one (none for the first): what a prefix no release in scope records carries over
        Policy below = policies.size() > 1 ? policies.get(policies.size() - 1) : null;
        for (String arch : order) {
            List<PolicyCell> onArch = mainstream.stream().filter(c -> c.arch().wheelName().equals(arch)).toList();
            List<PolicyCell> scope = onArch.stream().filter(c -> minorOfGlibcVersion(c.glibc()) >= y).toList();
            // an arch joins manylinux_2_Y once a mainstream release on it has glibc 2.Y or older: before that,
            // no glibc 2.Y system of that arch existed to be compatible with
            if (scope.isEmpty() || onArch.stream().noneMatch(c -> minorOfGlibcVersion(c.glibc()) <= y)) {
                continue;
            }
            Map<String, String> introduced = introducedByArch.getOrDefault(arch, Map.of());
            // the releases at glibc 2.Y (build images aside): only they witness a GLIBC backport newer than 2.Y
            List<PolicyCell> atY = scope.stream().filter(c -> minorOfGlibcVersion(c.glibc()) == y && !config.isImage(c))
                    .toList();
            Gap gap = atY.isEmpty() ? new Gap(arch, y, config.gap(), byArch.get("x86_64")) : null;
            inScope.addAll(scope);
            scopeLabels.put(arch, scope.stream().map(PolicyCell::label).sorted().toList());
            Map<String, List<String>> byPrefix = new TreeMap<>();
            Map<String, Derivation.Bound> archBounds = new TreeMap<>();
            for (String prefix : config.prefixes()) {
                List<String> belowSet = below == null ? List.of()
                        : below.symbolVersions().getOrDefault(arch, Map.of()).getOrDefault(prefix, List.of());
                boolean recorded = scope.stream().anyMatch(c -> c.coveredPrefixes().contains(prefix));
                Rules probe = new Rules(y, prefix, introduced, atY, gap, null);
                List<String> allowed = recorded ? allowed(probe, scope) : List.of();
                // no release in scope records the prefix (a crawl that reads no zlib): nothing says the versions
                // allowed below are gone, so they carry over; and the x86_64 gap rule may cap below what this arch's
                // previous policy allows: those are kept. Either way a policy never allows less than the one below
                // (auditwheel refuses such a file).
                String carriedFrom = null;
                if (!belowSet.isEmpty() && (!recorded || gap != null) && !allowed.containsAll(belowSet)) {
                    Set<String> union = new HashSet<>(allowed);
                    union.addAll(belowSet);
                    allowed = union.stream().sorted(ORDER).toList();
                    carriedFrom = below.name();
                }
                Rules rules = new Rules(y, prefix, introduced, atY, gap, carriedFrom);
                archBounds.put(prefix, bound(rules, scope, allowed));
                byPrefix.put(prefix, allowed);
            }
            byArch.put(arch, byPrefix);
            bounds.put(arch, archBounds);
        }
        for (String arch : arches) {
            if (byArch.containsKey(arch)) {
                symbolVersions.put(arch, byArch.get(arch));
            }
        }
        Map<String, Map<String, Derivation.Bound>> ordered = new LinkedHashMap<>();
        arches.stream().filter(bounds::containsKey).forEach(a -> ordered.put(a, bounds.get(a)));
        bounds.clear();
        bounds.putAll(ordered);
        Map<String, List<String>> whitelistExcluded = new LinkedHashMap<>();
        Map<String, List<String>> whitelistKept = new LinkedHashMap<>();
        Map<String, Integer> verified = new LinkedHashMap<>();
        List<String> whitelist = new ArrayList<>();
        for (String candidate : config.whitelistCandidates()) {
            int from = candidate.contains(">=") ? minorOfGlibcVersion(candidate.substring(candidate.indexOf(">=") + 2)) : 0;
            String soname = candidate.contains(">=") ? candidate.substring(0, candidate.indexOf(">=")) : candidate;
            if (y < from) {
                continue;
            }
            List<String> lacking = inScope.stream().filter(c -> knownToLack(c, soname))
                    .map(c -> c.label() + " " + c.arch()).sorted().toList();
            if (lacking.isEmpty() || config.keep().contains(soname)) {
                whitelist.add(soname);
                verified.put(soname, (int) inScope.stream().filter(c -> knownToHave(c, soname)).count());
                if (!lacking.isEmpty()) {
                    whitelistKept.put(soname, lacking);
                }
            } else {
                whitelistExcluded.put(soname, lacking);
            }
        }
        Map<String, Map<String, List<String>>> blacklistReasons = new TreeMap<>();
        Map<String, List<String>> blacklist = new TreeMap<>();
        for (String soname : whitelist) {
            Map<String, List<String>> reasons = blacklist(soname, inScope, symbolVersions);
            if (!reasons.isEmpty()) {
                blacklist.put(soname, List.copyOf(reasons.keySet()));
                blacklistReasons.put(soname, reasons);
            }
        }
        String alias = LEGACY_ALIASES.get(y);
        policies.add(new Policy(name, alias == null ? List.of() : List.of(alias), priority(y), symbolVersions, whitelist,
                blacklist));
        derivations.put(name, new Derivation(name, y, scopeLabels, bounds, whitelistExcluded, verified, blacklistReasons,
                whitelistKept));
    }

    private static List<String> orderedArches(List<PolicyCell> cells) {
        Set<String> present = cells.stream().map(c -> c.arch().wheelName()).collect(Collectors.toSet());
        List<String> out = new ArrayList<>(ARCH_ORDER.stream().filter(present::contains).toList());
        present.stream().filter(a -> !ARCH_ORDER.contains(a)).sorted().forEach(out::add);
        return out;
    }

    /** What fills an arch's bounds when no release on it has glibc 2.Y: the rule and, for x86_64, its bounds. */
    private record Gap(String arch, int y, MainstreamConfig.GapRule rule, Map<String, List<String>> x86) {

        /** The numeric cap the rule puts on {@code prefix}, or null (rule next, x86_64 itself, no x86_64 bound). */
        String cap(String prefix) {
            if (rule != MainstreamConfig.GapRule.X86_64 || arch.equals("x86_64") || x86 == null
                    || prefix.equals("GLIBC")) {
                return null;
            }
            return x86.getOrDefault(prefix, List.of()).stream().filter(PolicyGenerator::numeric)
                    .max(SymbolVersions::compareNumeric).orElse(null);
        }

        String describe(String prefix) {
            String head = "no " + arch + " release at glibc 2." + y + " (build images aside): ";
            if (prefix.equals("GLIBC")) {
                return head + "capped at 2." + y;
            }
            String cap = cap(prefix);
            return cap != null ? head + "capped at the x86_64 bound " + cap + " (gap rule x86_64)"
                    : head + "taken from its next releases (gap rule " + rule.configName() + ")";
        }
    }

    /**
     * The rules one arch x prefix of manylinux_2_Y is derived by; {@code carriedFrom} names the policy whose versions
     * carry over because no release in scope records the prefix (null otherwise).
     */
    private record Rules(int y, String prefix, Map<String, String> introduced, List<PolicyCell> atY, Gap gap,
            String carriedFrom) {
    }

    private List<String> allowed(Rules r, List<PolicyCell> scope) {
        List<PolicyCell> contributors = scope.stream().filter(c -> c.coveredPrefixes().contains(r.prefix())).toList();
        if (contributors.isEmpty()) {
            return List.of();
        }
        Set<String> out = new HashSet<>(contributors.get(0).versions().getOrDefault(r.prefix(), Set.of()));
        for (PolicyCell c : contributors) {
            out.retainAll(c.versions().getOrDefault(r.prefix(), Set.of()));
        }
        out.removeIf(v -> notAllowed(r, v) != null);
        return out.stream().sorted(ORDER).toList();
    }

    /** Why a version is out regardless of the intersection, or null. */
    private String notAllowed(Rules r, String version) {
        String prefix = r.prefix();
        if (config.never().contains(prefix + "_" + version)) {
            return "never allowed (configuration)";
        }
        if (r.gap() != null && r.gap().cap(prefix) != null && numeric(version)
                && SymbolVersions.compareNumeric(version, r.gap().cap(prefix)) > 0) {
            return "above the x86_64 bound " + r.gap().cap(prefix) + " (gap rule x86_64)";
        }
        if (!prefix.equals("GLIBC")) {
            return null;
        }
        String cap = "2." + r.y();
        if (numeric(version)) {
            if (SymbolVersions.compareNumeric(version, cap) <= 0) {
                return null;
            }
            // newer than 2.Y: allowed only when a release at glibc 2.Y on this arch defines it (a backport, e.g.
            // GLIBC_2.18 in CentOS 7's aarch64 glibc 2.17); build images witness nothing
            if (r.atY().stream().anyMatch(c -> c.versions().getOrDefault("GLIBC", Set.of()).contains(version))) {
                return null;
            }
            return "newer than glibc " + cap + (r.atY().isEmpty() ? " (no release at glibc " + cap + " on this arch)"
                    : " and no release at glibc " + cap + " defines it");
        }
        // a non-numeric name counts from the oldest glibc defining it on any arch (ABI_DT_RELR: 2.36)
        String first = r.introduced().get(version);
        if (first != null && SymbolVersions.compareNumeric(first, cap) <= 0) {
            return null;
        }
        return "newer than glibc " + cap + (first == null ? "" : " (oldest glibc defining it here: " + first + ")");
    }

    private Derivation.Bound bound(Rules r, List<PolicyCell> scope, List<String> allowedVersions) {
        String prefix = r.prefix();
        List<PolicyCell> contributors = scope.stream().filter(c -> c.coveredPrefixes().contains(prefix)).toList();
        Set<String> allowed = new HashSet<>(allowedVersions);
        Set<String> all = new HashSet<>();
        contributors.forEach(c -> all.addAll(c.versions().getOrDefault(prefix, Set.of())));
        List<String> union = all.stream().sorted(ORDER).toList();
        Map<String, List<String>> excluded = new TreeMap<>(ORDER);
        for (String v : union) {
            if (allowed.contains(v)) {
                continue;
            }
            String rule = notAllowed(r, v);
            List<String> lacking = contributors.stream()
                    .filter(c -> !c.versions().getOrDefault(prefix, Set.of()).contains(v))
                    .map(PolicyCell::label).sorted().toList();
            excluded.put(v, rule != null && lacking.isEmpty() ? List.of("(" + rule + ")") : lacking);
        }
        String max = allowed.stream().filter(PolicyGenerator::numeric).max(SymbolVersions::compareNumeric).orElse(null);
        String next = union.stream().filter(PolicyGenerator::numeric)
                .filter(v -> max == null || SymbolVersions.compareNumeric(v, max) > 0)
                .min(SymbolVersions::compareNumeric).orElse(null);
        List<String> binding = List.of();
        String reason;
        if (contributors.isEmpty()) {
            reason = "no release in scope records " + prefix + (r.carriedFrom() == null ? " (left empty)"
                    : ": " + r.carriedFrom() + "'s versions carried over");
        } else if (next == null) {
            reason = max == null ? "no release in scope defines a numeric " + prefix + " version"
                    : "the highest " + prefix + " version any release in scope defines";
        } else {
            String rule = notAllowed(r, next);
            binding = contributors.stream()
                    .filter(c -> !c.versions().getOrDefault(prefix, Set.of()).contains(next))
                    .map(PolicyCell::label).sorted().toList();
            if (rule != null) {
                reason = "capped: " + prefix + "_" + next + " is " + rule;
                binding = List.of();
            } else {
                reason = "because " + listed(binding) + " define" + (binding.size() == 1 ? "s" : "") + " no " + next;
            }
        }
        // which binding releases are past their support (or rolling): what would the bound be without them?
        List<String> heldBack = new ArrayList<>();
        String without = null;
        if (support != null && !binding.isEmpty()) {
            Set<String> bind = new HashSet<>(binding);
            List<PolicyCell> held = contributors.stream().filter(c -> bind.contains(c.label()))
                    .filter(c -> heldBackStatus(support.apply(c))).toList();
            if (!held.isEmpty()) {
                List<PolicyCell> rest = scope.stream().filter(c -> !held.contains(c)).toList();
                without = allowed(r, rest).stream().filter(PolicyGenerator::numeric).max(SymbolVersions::compareNumeric)
                        .orElse(null);
                if (Objects.equals(without, max)) {
                    without = null; // others bind as well: nothing would change without them
                } else {
                    held.forEach(c -> heldBack.add(c.label() + " (" + support.apply(c).status() + ")"));
                }
            }
        }
        if (r.carriedFrom() != null && !contributors.isEmpty()) {
            reason += "; " + r.carriedFrom() + "'s versions kept (a policy never allows less than the one below)";
        }
        return new Derivation.Bound(prefix, max, next, binding, reason, contributors.size(), excluded,
                r.gap() == null ? null : r.gap().describe(prefix), List.copyOf(heldBack), without);
    }

    private static boolean heldBackStatus(SupportStatus s) {
        return s.status() == SupportStatus.Status.EOL || s.status() == SupportStatus.Status.ROLLING
                || s.status() == SupportStatus.Status.DEVEL;
    }

    static String listed(List<String> labels) {
        if (labels.size() <= 4) {
            return String.join(", ", labels);
        }
        return String.join(", ", labels.subList(0, 4)) + " and " + (labels.size() - 4) + " more";
    }

    /**
     * Per arch, the oldest glibc (any stored release) defining each GLIBC version name; for non-numeric names
     * the oldest on any arch when that is older.
     */
    static Map<String, Map<String, String>> glibcIntroductions(Collection<PolicyCell> cells) {
        Map<String, Map<String, String>> first = new HashMap<>();
        Map<String, String> anyArch = new HashMap<>();
        for (PolicyCell c : cells) {
            if (c.libc() != Libc.GLIBC || c.glibc() == null || minorOfGlibcVersion(c.glibc()) < 0) {
                continue;
            }
            Map<String, String> onArch = first.computeIfAbsent(c.arch().wheelName(), k -> new HashMap<>());
            for (String v : c.versions().getOrDefault("GLIBC", Set.of())) {
                onArch.merge(v, c.glibc(), PolicyGenerator::older);
                if (!numeric(v)) {
                    anyArch.merge(v, c.glibc(), PolicyGenerator::older);
                }
            }
        }
        first.values().forEach(onArch -> anyArch.forEach((v, g) -> onArch.merge(v, g, PolicyGenerator::older)));
        return first;
    }

    private static String older(String a, String b) {
        return SymbolVersions.compareNumeric(a, b) <= 0 ? a : b;
    }

    private static boolean knownToLack(PolicyCell c, String soname) {
        if (c.sonames().contains(soname) || !c.symbols().getOrDefault(soname, Set.of()).isEmpty()) {
            return false;
        }
        String prefix = PREFIX_OF_SONAME.get(soname);
        return prefix != null && !c.crawled() && c.coveredPrefixes().contains(prefix)
                && c.versions().getOrDefault(prefix, Set.of()).isEmpty();
    }

    private static boolean knownToHave(PolicyCell c, String soname) {
        if (c.sonames().contains(soname) || !c.symbols().getOrDefault(soname, Set.of()).isEmpty()) {
            return true;
        }
        String prefix = PREFIX_OF_SONAME.get(soname);
        return prefix != null && !c.versions().getOrDefault(prefix, Set.of()).isEmpty();
    }

    /**
     * symbol -> releases lacking it, for the symbols of {@code soname} that go on the blacklist. Releases are
     * compared with releases of the same arch only: a symbol that exists on one architecture alone is not a
     * portability hazard.
     */
    static Map<String, List<String>> blacklist(String soname, List<PolicyCell> scope,
            Map<String, Map<String, List<String>>> symbolVersions) {
        Map<String, List<PolicyCell>> byArch = new TreeMap<>();
        scope.stream().filter(c -> !c.symbols().getOrDefault(soname, Set.of()).isEmpty())
                .forEach(c -> byArch.computeIfAbsent(c.arch().wheelName(), k -> new ArrayList<>()).add(c));
        Map<String, TreeSet<String>> out = new TreeMap<>();
        for (List<PolicyCell> withData : byArch.values()) {
            if (withData.size() < 2) {
                continue;
            }
            Map<PolicyCell, Set<String>> names = new IdentityHashMap<>(); // records hash their whole content
            Set<String> uncaught = new TreeSet<>();
            for (PolicyCell c : withData) {
                Set<String> n = new HashSet<>();
                for (String s : c.symbols().get(soname)) {
                    int at = s.indexOf('@');
                    String bare = at < 0 ? s : s.substring(0, at);
                    n.add(bare); // present under any version: a versioned reference still binds to it
                    if (at >= 0 && !s.contains("@@")) {
                        continue; // name@VERSION (not the default version): nothing links against it any more
                    }
                    String version = at < 0 ? "" : s.substring(s.lastIndexOf('@') + 1);
                    if (version.isEmpty() || symbolVersions.getOrDefault(c.arch().wheelName(), Map.of())
                            .getOrDefault(SymbolVersions.prefix(version), List.of())
                            .contains(SymbolVersions.version(version))) {
                        uncaught.add(bare);
                    }
                }
                names.put(c, n);
            }
            for (String symbol : uncaught) {
                for (PolicyCell c : withData) {
                    if (!names.get(c).contains(symbol)) {
                        out.computeIfAbsent(symbol, k -> new TreeSet<>()).add(c.label() + " " + c.arch());
                    }
                }
            }
        }
        Map<String, List<String>> result = new TreeMap<>();
        out.forEach((k, v) -> result.put(k, List.copyOf(v)));
        return result;
    }

    /**
     * Y of a glibc version "2.Y[.Z]" (a release's glibc, or a whitelist candidate's lower bound), or -1 when it is
     * not a 2.x version. A policy's own Y comes from its name: {@link Policy#libcVersion()}.
     */
    static int minorOfGlibcVersion(String glibc) {
        if (glibc == null) {
            return -1;
        }
        String[] parts = glibc.split("\\.");
        if (parts.length < 2 || !parts[0].equals("2")) {
            return -1;
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

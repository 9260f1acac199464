package org.distrocompat.core.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.distrocompat.db.Database;
import org.distrocompat.db.model.Libc;
import org.distrocompat.db.model.SymbolVersions;
import org.distrocompat.db.query.PolicyCell;
import org.distrocompat.db.query.PolicyFacts;

/**
 * Derives auditwheel's musllinux policies (PEP 656) from the stored musl releases. musllinux_1_Y stands for "musl
 * 1.Y or newer": its scope on an arch is every mainstream musl release there with musl ≥ 1.Y. The rules, each
 * visible in {@link #explain}:
 * <ul>
 * <li>One policy per musl 1.Y from 1.1 (the oldest musllinux policy auditwheel defines) up to the newest musl of a
 * mainstream release, with priorities 100, 90, 80, … as auditwheel numbers them.</li>
 * <li>An arch is in musllinux_1_Y when a mainstream musl release exists on it and musl 1.Y supports it: musl's
 * ports arrived in versions ({@link #PORTS}), so loongarch64 (musl 1.2.5) is not in musllinux_1_1 while riscv64
 * (1.1.24) is, though no musl 1.1 release of it may be stored.</li>
 * <li>symbol_versions: the intersection over the scope of the configured prefixes' versions, as for manylinux;
 * musl itself has no symbol versions, and the default configures no prefix (auditwheel's file lists none).</li>
 * <li>lib_whitelist: the candidates ({@code libc.so}, {@code libz.so.1}), kept unless a release in scope is
 * known to lack one; crawled cells never count as lacking.</li>
 * <li>blacklist: as for manylinux, exported symbols of whitelisted libraries that a release in scope lacks while
 * another on the same arch exports them (needs symbol data of those libraries, e.g. zlib crawled).</li>
 * </ul>
 * The manylinux derivation ({@link PolicyGenerator}) stays separate; this one shares its mainstream rule, its
 * intersection helpers and its blacklist rule.
 */
public final class MusllinuxGenerator {
    /** The oldest musllinux policy: musllinux_1_1. */
    static final int FLOOR_MINOR = 1;
    /** auditwheel's whitelist of musllinux policies. */
    public static final List<String> DEFAULT_WHITELIST = List.of("libc.so", "libz.so.1");
    /** The musl version that added each architecture's port (musl's release notes), as major.minor.patch. */
    static final Map<String, String> PORTS = Map.of("i686", "1.0.0", "x86_64", "1.0.0", "armv7l", "1.0.0",
            "aarch64", "1.1.7", "ppc64", "1.1.15", "ppc64le", "1.1.15", "s390x", "1.1.17", "riscv64", "1.1.24",
            "loongarch64", "1.2.5");

    private final MainstreamConfig config;

    /** {@code config}'s mainstream rule; its prefixes, never and whitelist are the musllinux ones. */
    public MusllinuxGenerator(MainstreamConfig config) {
        this.config = config;
    }

    /** The musllinux configuration derived from a (manylinux) one: same statuses, includes and excludes. */
    public static MainstreamConfig config(MainstreamConfig base) {
        // musllinux has no symbol versions to bound, so images, gap rule and kept libraries do not apply
        return new MainstreamConfig(base.statuses(), base.include(), base.exclude(), List.of(), Set.of(),
                DEFAULT_WHITELIST, Set.of(), base.gap(), Set.of());
    }

    public MainstreamConfig configuration() {
        return config;
    }

    /** auditwheel's priority for musllinux_1_Y: 100 for 1_1, falling by 10. */
    static int priority(int minor) {
        return Math.max(1, 100 - 10 * (minor - FLOOR_MINOR));
    }

    public PolicySet generate(Database db, Set<String> arches) {
        return generate(new PolicyFacts(db.jdbi()).cells(), arches);
    }

    /** Why a musl cell does not count, or null when it does. */
    String exclusionReason(PolicyCell c) {
        if (c.libc() != Libc.MUSL) {
            return "not musl";
        }
        if (minorOf(c.glibc()) < 0) {
            return "musl version '" + c.glibc() + "' is not 1.x";
        }
        if (MainstreamConfig.matches(config.exclude(), c)) {
            return "excluded by configuration";
        }
        if (MainstreamConfig.matches(config.include(), c)) {
            return null;
        }
        return config.statuses().contains(c.status().dbName()) ? null : "status " + c.status();
    }

    PolicySet generate(Collection<PolicyCell> cells, Set<String> arches) {
        List<PolicyCell> mainstream = new ArrayList<>();
        Map<String, String> excluded = new TreeMap<>();
        for (PolicyCell c : cells) {
            if (c.libc() != Libc.MUSL || !arches.isEmpty() && !arches.contains(c.arch().wheelName())) {
                continue;
            }
            String why = exclusionReason(c);
            if (why == null) {
                mainstream.add(c);
            } else {
                excluded.put(c.label() + " " + c.arch(), why);
            }
        }
        List<Policy> policies = new ArrayList<>();
        Map<String, Derivation> derivations = new LinkedHashMap<>();
        policies.add(Policy.linux());
        int newest = mainstream.stream().mapToInt(c -> minorOf(c.glibc())).max().orElse(-1);
        for (int y = FLOOR_MINOR; y <= newest; y++) {
            derive(y, mainstream, policies, derivations);
        }
        List<String> labels = mainstream.stream().map(c -> c.label() + " " + c.arch()).sorted().toList();
        return new PolicySet(List.copyOf(policies), derivations, config, labels, excluded);
    }

    private void derive(int y, List<PolicyCell> mainstream, List<Policy> policies, Map<String, Derivation> derivations) {
        String name = "musllinux_1_" + y;
        Map<String, Map<String, List<String>>> symbolVersions = new LinkedHashMap<>();
        Map<String, List<String>> scopeLabels = new LinkedHashMap<>();
        Map<String, Map<String, Derivation.Bound>> bounds = new LinkedHashMap<>();
        List<PolicyCell> inScope = new ArrayList<>();
        Set<String> present = new HashSet<>();
        mainstream.forEach(c -> present.add(c.arch().wheelName()));
        for (String arch : PolicyGenerator.ARCH_ORDER) {
            if (!present.contains(arch) || !supports(arch, y)) {
                continue;
            }
            List<PolicyCell> scope = mainstream.stream().filter(c -> c.arch().wheelName().equals(arch))
                    .filter(c -> minorOf(c.glibc()) >= y).toList();
            inScope.addAll(scope);
            scopeLabels.put(arch, scope.stream().map(c -> c.label() + " (musl " + c.glibc() + ")").sorted().toList());
            Map<String, List<String>> byPrefix = new TreeMap<>();
            Map<String, Derivation.Bound> archBounds = new TreeMap<>();
            for (String prefix : config.prefixes()) {
                List<PolicyCell> contributors = scope.stream().filter(c -> c.coveredPrefixes().contains(prefix)).toList();
                Set<String> allowed = contributors.isEmpty() ? new HashSet<>()
                        : new HashSet<>(contributors.get(0).versions().getOrDefault(prefix, Set.of()));
                contributors.forEach(c -> allowed.retainAll(c.versions().getOrDefault(prefix, Set.of())));
                allowed.removeIf(v -> config.never().contains(prefix + "_" + v));
                List<String> sorted = allowed.stream().sorted(PolicyGenerator.ORDER).toList();
                byPrefix.put(prefix, sorted);
                String max = sorted.stream().filter(PolicyGenerator::numeric).max(SymbolVersions::compareNumeric)
                        .orElse(null);
                archBounds.put(prefix, new Derivation.Bound(prefix, max, null, List.of(), contributors.isEmpty()
                        ? "no release in scope records " + prefix : "what every release in scope defines",
                        contributors.size(), Map.of()));
            }
            symbolVersions.put(arch, byPrefix);
            bounds.put(arch, archBounds);
        }
        Map<String, Integer> verified = new LinkedHashMap<>();
        List<String> whitelist = new ArrayList<>();
        for (String soname : config.whitelistCandidates()) {
            whitelist.add(soname);
            verified.put(soname, (int) inScope.stream().filter(c -> c.sonames().contains(soname)).count());
        }
        Map<String, Map<String, List<String>>> blacklistReasons = new TreeMap<>();
        Map<String, List<String>> blacklist = new TreeMap<>();
        for (String soname : whitelist) {
            Map<String, List<String>> reasons = PolicyGenerator.blacklist(soname, inScope, symbolVersions);
            if (!reasons.isEmpty()) {
                blacklist.put(soname, List.copyOf(reasons.keySet()));
                blacklistReasons.put(soname, reasons);
            }
        }
        policies.add(new Policy(name, List.of(), priority(y), symbolVersions, whitelist, blacklist));
        derivations.put(name, new Derivation(name, y, scopeLabels, bounds, Map.of(), verified, blacklistReasons));
    }

    /** Whether musl 1.Y has a port for {@code arch}. */
    static boolean supports(String arch, int minor) {
        String since = PORTS.get(arch);
        if (since == null) {
            return false;
        }
        String[] p = since.split("\\.");
        return Integer.parseInt(p[0]) < 1 || Integer.parseInt(p[0]) == 1 && Integer.parseInt(p[1]) <= minor;
    }

    /** Y of a musl version "1.Y[.Z]", or -1. */
    static int minorOf(String musl) {
        if (musl == null) {
            return -1;
        }
        String[] parts = musl.split("\\.");
        if (parts.length < 2 || !parts[0].equals("1")) {
            return -1;
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The same as data: per policy x arch the releases in scope (or why the arch is left out) and the bounds of any
     * configured prefix; per policy the whitelist and blacklist reasons.
     */
    public static List<Map<String, Object>> explainJson(PolicySet set) {
        List<Map<String, Object>> out = new ArrayList<>();
        Set<String> stored = new TreeSet<>();
        set.mainstreamCells().forEach(l -> stored.add(l.substring(l.lastIndexOf(' ') + 1)));
        for (Policy p : set.policies()) {
            Derivation d = set.derivations().get(p.name());
            if (d == null) {
                continue;
            }
            for (String arch : stored) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("policy", p.name());
                m.put("arch", arch);
                m.put("musl_port_since", PORTS.get(arch));
                m.put("listed", d.scope().containsKey(arch));
                m.put("releases_in_scope", d.scope().getOrDefault(arch, List.of()));
                m.put("bounds", d.bounds().getOrDefault(arch, Map.of()));
                out.add(m);
            }
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("policy", p.name());
            w.put("lib_whitelist_verified_by", d.whitelistVerified());
            w.put("blacklist_reasons", d.blacklistReasons());
            out.add(w);
        }
        return out;
    }

    /** One line per policy x arch: scope, what the policy lists, why an arch is left out; then whitelist and blacklist. */
    public static List<String> explain(PolicySet set) {
        List<String> out = new ArrayList<>();
        out.add("# " + set.config().summary().replace("(", "(musl releases only; "));
        Map<String, Integer> reasons = new TreeMap<>();
        set.excludedCells().values().forEach(r -> reasons.merge(r, 1, Integer::sum));
        out.add("# " + set.mainstreamCells().size() + " musl release x arch cells count; " + set.excludedCells().size()
                + " do not" + (reasons.isEmpty() ? "" : " (" + String.join(", ", reasons.entrySet().stream()
                        .map(e -> e.getKey() + ": " + e.getValue()).toList()) + ")"));
        Set<String> stored = new TreeSet<>();
        set.mainstreamCells().forEach(l -> stored.add(l.substring(l.lastIndexOf(' ') + 1)));
        for (Policy p : set.policies()) {
            Derivation d = set.derivations().get(p.name());
            if (d == null) {
                continue;
            }
            out.add("");
            out.add(p.name() + ", priority " + p.priority() + ": " + d.scope().values().stream().mapToInt(List::size).sum()
                    + " release x arch cells with musl >= 1." + d.glibcMinor());
            d.scope().forEach((arch, releases) -> {
                out.add(p.name() + " " + arch + ": in scope " + (releases.isEmpty()
                        ? "none (no stored release has musl >= 1." + d.glibcMinor() + "; musl 1." + d.glibcMinor()
                        + " supports " + arch + " since " + PORTS.get(arch) + ")" : String.join(", ", releases)));
                d.bounds().getOrDefault(arch, Map.of()).forEach((prefix, b) -> out.add(p.name() + " " + arch + ": "
                        + prefix + " " + (b.max() == null ? "(no numeric version)" : "≤ " + b.max()) + ": " + b.reason()));
            });
            for (String arch : stored) {
                if (!d.scope().containsKey(arch)) {
                    out.add(p.name() + " " + arch + ": left out: musl has supported " + arch + " only since "
                            + PORTS.getOrDefault(arch, "(no port)"));
                }
            }
            out.add(p.name() + " lib_whitelist: " + String.join(" ", p.libWhitelist()) + " (auditwheel's candidates; "
                    + "releases in scope shipping them: " + String.join(", ", d.whitelistVerified().entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue()).toList()) + ")");
            d.blacklistReasons().forEach((soname, symbols) -> out.add(p.name() + " blacklist " + soname + ": "
                    + String.join(", ", symbols.entrySet().stream().map(e -> e.getKey() + " (lacking in "
                            + PolicyGenerator.listed(e.getValue()) + ")").toList())));
        }
        return out;
    }
}

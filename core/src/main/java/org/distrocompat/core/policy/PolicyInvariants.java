package org.distrocompat.core.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.distrocompat.db.model.SymbolVersions;

/**
 * The invariants auditwheel's loader checks on a policy file: taken by falling priority (oldest glibc
 * first), every policy's lib_whitelist contains the whitelists of all policies before it, and on every arch
 * it lists, every prefix it lists contains the versions the policies before it allow. A violation names the
 * policies and, where the derivation is known, the releases responsible.
 */
public final class PolicyInvariants {

    private PolicyInvariants() {
    }

    /** One broken invariant: what the newer policy lacks, the nearest older policy allowing it, and who is responsible. */
    public record Violation(String newer, String older, String arch, String prefix, String missing,
            List<String> responsible) {
        public String message() {
            String where = arch == null ? newer + " lib_whitelist" : newer + " " + arch + " " + prefix;
            String who = responsible.isEmpty() ? "no derivation data names a release"
                    : "lacking in " + PolicyGenerator.listed(responsible) + " (in scope of " + newer + ")";
            return where + " lacks " + missing + ", which " + older + " allows: " + who;
        }
    }

    /** Every violation, in the order auditwheel's loader would meet them. */
    public static List<Violation> check(List<Policy> policies, Map<String, Derivation> derivations) {
        List<Policy> ordered = new ArrayList<>(policies.stream().filter(p -> !p.isLinux()).toList());
        ordered.sort(Comparator.comparingInt(Policy::priority).reversed());
        // soname, and arch -> prefix -> version: the nearest older policy allowing it (the one a violation names,
        // because the neighbour is where the loss happened)
        Map<String, String> whitelist = new LinkedHashMap<>();
        Map<String, Map<String, Map<String, String>>> versions = new HashMap<>();
        List<Violation> out = new ArrayList<>();
        for (Policy p : ordered) {
            Derivation d = derivations.get(p.name());
            Set<String> mine = new LinkedHashSet<>(p.libWhitelist());
            whitelist.forEach((soname, older) -> {
                if (!mine.contains(soname)) {
                    List<String> who = d == null ? List.of() : d.whitelistExcluded().getOrDefault(soname, List.of());
                    out.add(new Violation(p.name(), older, null, null, soname, who));
                }
            });
            p.libWhitelist().forEach(s -> whitelist.put(s, p.name()));
            p.symbolVersions().forEach((arch, prefixes) -> {
                Map<String, Map<String, String>> seen = versions.computeIfAbsent(arch, k -> new HashMap<>());
                prefixes.forEach((prefix, list) -> {
                    Map<String, String> before = seen.computeIfAbsent(prefix, k -> new HashMap<>());
                    Set<String> now = new HashSet<>(list);
                    // the usual case, a superset, without sorting: every `check` start validates two files
                    if (!now.containsAll(before.keySet())) {
                        before.entrySet().stream()
                                .filter(e -> !now.contains(e.getKey()))
                                .sorted(Map.Entry.comparingByKey(SymbolVersions.VERSION_ORDER))
                                .forEach(e -> out.add(new Violation(p.name(), e.getValue(), arch, prefix, e.getKey(),
                                        d == null ? List.of() : d.lacking(arch, prefix, e.getKey()))));
                    }
                    for (String v : list) {
                        before.put(v, p.name());
                    }
                });
            });
        }
        return out;
    }
}

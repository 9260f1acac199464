package org.distrocompat.core.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.distrocompat.db.model.SymbolVersions;

/**
 * A readable difference between two policy files: policies added or removed; for policies in both, changed
 * aliases and priorities, arches added or removed, versions added or removed per arch x prefix, whitelist
 * and blacklist entries added or removed.
 */
public final class PolicyDiff {

    /** One change: {@code kind} is policy, aliases, priority, arch, versions, lib_whitelist or blacklist. */
    public record Change(String policy, String kind, String scope, List<String> added, List<String> removed) {
        public String line() {
            StringBuilder sb = new StringBuilder();
            switch (kind) {
                case "policy" -> sb.append(added.isEmpty() ? "- " : "+ ").append("policy ").append(policy)
                        .append(scope == null ? "" : " (" + scope + ")");
                case "arch" -> sb.append(added.isEmpty() ? "- " : "+ ").append(policy).append(" arch ")
                        .append(scope);
                default -> {
                    sb.append("~ ").append(policy).append(' ').append(scope == null ? kind : scope).append(':');
                    added.forEach(a -> sb.append(" +").append(a));
                    removed.forEach(r -> sb.append(" -").append(r));
                }
            }
            return sb.toString();
        }
    }

    private PolicyDiff() {
    }

    public static List<Change> diff(List<Policy> oldPolicies, List<Policy> newPolicies) {
        Map<String, Policy> before = byName(oldPolicies);
        Map<String, Policy> after = byName(newPolicies);
        List<Change> out = new ArrayList<>();
        for (Policy o : oldPolicies) {
            if (!after.containsKey(o.name())) {
                out.add(new Change(o.name(), "policy", null, List.of(), List.of(o.name())));
            }
        }
        for (Policy n : newPolicies) {
            Policy o = before.get(n.name());
            if (o == null) {
                out.add(new Change(n.name(), "policy", "priority " + n.priority(), List.of(n.name()), List.of()));
                continue;
            }
            if (!o.aliases().equals(n.aliases())) {
                out.add(listChange(n.name(), "aliases", "aliases", o.aliases(), n.aliases()));
            }
            if (o.priority() != n.priority()) {
                out.add(new Change(n.name(), "priority", "priority", List.of(String.valueOf(n.priority())),
                        List.of(String.valueOf(o.priority()))));
            }
            for (String arch : o.symbolVersions().keySet()) {
                if (!n.symbolVersions().containsKey(arch)) {
                    out.add(new Change(n.name(), "arch", arch, List.of(), List.of(arch)));
                }
            }
            for (Map.Entry<String, Map<String, List<String>>> a : n.symbolVersions().entrySet()) {
                Map<String, List<String>> oldArch = o.symbolVersions().get(a.getKey());
                if (oldArch == null) {
                    out.add(new Change(n.name(), "arch", a.getKey(), List.of(a.getKey()), List.of()));
                    continue;
                }
                Set<String> prefixes = new TreeSet<>(oldArch.keySet());
                prefixes.addAll(a.getValue().keySet());
                for (String prefix : prefixes) {
                    Change c = listChange(n.name(), "versions", a.getKey() + " " + prefix,
                            oldArch.getOrDefault(prefix, List.of()), a.getValue().getOrDefault(prefix, List.of()));
                    if (c != null) {
                        out.add(c);
                    }
                }
            }
            Change w = listChange(n.name(), "lib_whitelist", "lib_whitelist", o.libWhitelist(), n.libWhitelist());
            if (w != null) {
                out.add(w);
            }
            Set<String> sonames = new TreeSet<>(o.blacklist().keySet());
            sonames.addAll(n.blacklist().keySet());
            for (String soname : sonames) {
                Change b = listChange(n.name(), "blacklist", "blacklist " + soname,
                        o.blacklist().getOrDefault(soname, List.of()), n.blacklist().getOrDefault(soname, List.of()));
                if (b != null) {
                    out.add(b);
                }
            }
        }
        out.removeIf(Objects::isNull);
        return out;
    }

    private static Change listChange(String policy, String kind, String scope, List<String> before, List<String> after) {
        Set<String> b = new LinkedHashSet<>(before);
        Set<String> a = new LinkedHashSet<>(after);
        List<String> added = a.stream().filter(x -> !b.contains(x)).sorted(SymbolVersions.VERSION_ORDER).toList();
        List<String> removed = b.stream().filter(x -> !a.contains(x)).sorted(SymbolVersions.VERSION_ORDER).toList();
        if (added.isEmpty() && removed.isEmpty()) {
            return kind.equals("aliases") && !before.equals(after)
                    ? new Change(policy, kind, scope, after, before) : null;
        }
        return new Change(policy, kind, scope, added, removed);
    }

    private static Map<String, Policy> byName(List<Policy> policies) {
        Map<String, Policy> m = new LinkedHashMap<>();
        policies.forEach(p -> m.put(p.name(), p));
        return m;
    }

    /** The diff as text, one change per line; "no changes" when there are none. */
    public static String text(List<Change> changes, String oldName, String newName) {
        StringBuilder sb = new StringBuilder();
        sb.append("--- ").append(oldName).append('\n').append("+++ ").append(newName).append('\n');
        if (changes.isEmpty()) {
            sb.append("no changes\n");
        }
        changes.forEach(c -> sb.append(c.line()).append('\n'));
        return sb.toString();
    }
}

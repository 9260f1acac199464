package org.distrocompat.core.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Why each difference between another policy file (typically auditwheel's official one) and the derived policies
 * exists, one line per {@link PolicyDiff.Change}: versions one side allows and the other does not with the releases
 * lacking them or the rule that excluded them, bounds the other file copies from x86_64 to arches whose releases
 * define more (per-arch truth is kept), bounds filled by the gap rule, arches and policies only one side has, and
 * whitelist and blacklist entries with their reasons.
 */
public final class PolicyDiffCauses {

    private PolicyDiffCauses() {
    }

    /** One line per change: the change as {@link PolicyDiff.Change#line()} writes it, " — ", its cause. */
    public static List<String> lines(List<Policy> other, String otherName, PolicySet derived) {
        List<String> out = new ArrayList<>();
        for (PolicyDiff.Change c : PolicyDiff.diff(other, derived.policies())) {
            out.add(c.line() + " — " + cause(c, other, otherName, derived));
        }
        return out;
    }

    /** The cause of one change, in words. */
    public static String cause(PolicyDiff.Change c, List<Policy> other, String otherName, PolicySet derived) {
        Derivation d = derived.derivations().get(c.policy());
        Policy o = other.stream().filter(p -> p.name().equals(c.policy())).findFirst().orElse(null);
        int y = Policy.libcVersionOf(c.policy()).map(Policy.LibcVersion::minor).orElse(-1);
        switch (c.kind()) {
            case "policy" -> {
                return c.added().isEmpty() ? "no mainstream release in the data has glibc 2." + y
                        : "a mainstream release has glibc 2." + y + " (one policy per glibc a mainstream release ships); "
                                + otherName + " has none";
            }
            case "arch" -> {
                String arch = c.scope();
                boolean any = derived.mainstreamCells().stream().anyMatch(l -> l.endsWith(" " + arch));
                if (!c.removed().isEmpty()) {
                    return any ? "no mainstream " + arch + " release has glibc 2." + y + " or older (the arch joins "
                            + "manylinux_2_Y at its oldest release's glibc)" : "no mainstream " + arch + " release in the data";
                }
                return "mainstream " + arch + " releases with glibc 2." + y + " or older exist";
            }
            case "versions" -> {
                return versions(c, o, otherName, d);
            }
            case "lib_whitelist" -> {
                List<String> parts = new ArrayList<>();
                for (String s : c.removed()) {
                    List<String> lacking = d == null ? List.of() : d.whitelistExcluded().getOrDefault(s, List.of());
                    parts.add(s + (lacking.isEmpty() ? ": not a whitelist candidate at this glibc (configuration)"
                            : ": lacking in " + PolicyGenerator.listed(lacking)));
                }
                for (String s : c.added()) {
                    parts.add(s + ": no release in scope is known to lack it");
                }
                return String.join("; ", parts);
            }
            case "blacklist" -> {
                return blacklist(c, d);
            }
            default -> {
                return otherName + " and the derivation's rule disagree (" + c.kind() + ")";
            }
        }
    }

    private static String versions(PolicyDiff.Change c, Policy o, String otherName, Derivation d) {
        String[] scope = c.scope().split(" ");
        String arch = scope[0];
        String prefix = scope[1];
        Derivation.Bound b = d == null || d.bounds().get(arch) == null ? null : d.bounds().get(arch).get(prefix);
        List<String> parts = new ArrayList<>();
        if (!c.removed().isEmpty()) {
            Map<String, List<String>> byCause = new LinkedHashMap<>();
            for (String v : c.removed()) {
                List<String> who = b == null ? List.of() : b.excluded().getOrDefault(v, List.of());
                String why = who.isEmpty() ? "no release in scope defines it"
                        : who.size() == 1 && who.get(0).startsWith("(") ? who.get(0).substring(1, who.get(0).length() - 1)
                        : "lacking in " + PolicyGenerator.listed(who);
                byCause.computeIfAbsent(why, k -> new ArrayList<>()).add(v);
            }
            boolean alone = byCause.size() == 1 && c.added().isEmpty();
            byCause.forEach((why, vs) -> parts.add(alone ? why : "-" + String.join(" -", vs) + ": " + why));
            if (b != null && !b.heldBack().isEmpty()) {
                parts.add("held back by " + PolicyGenerator.listed(b.heldBack()) + "; without "
                        + (b.heldBack().size() == 1 ? "it" : "them") + " " + prefix + " ≤ " + b.withoutHeldBack());
            }
        }
        if (!c.added().isEmpty()) {
            int n = d == null ? 0 : d.scope().getOrDefault(arch, List.of()).size();
            boolean alone = c.removed().isEmpty();
            StringBuilder sb = new StringBuilder((alone ? "" : "+" + String.join(" +", c.added()) + ": ") + "every " + arch
                    + " release in scope defines " + (c.added().size() == 1 ? "it" : "them") + " (" + n + " releases)");
            if (copiesX86(o, arch, prefix)) {
                sb.append("; ").append(otherName).append(" copies the x86_64 bound to ").append(arch)
                        .append(" (per-arch truth kept)");
            }
            parts.add(sb.toString());
        }
        if (b != null && b.rule() != null) {
            parts.add(b.rule());
        }
        return String.join("; ", parts);
    }

    /** Whether the other file gives {@code arch} exactly the x86_64 set of the same prefix. */
    private static boolean copiesX86(Policy o, String arch, String prefix) {
        if (o == null || arch.equals("x86_64") || !o.symbolVersions().containsKey("x86_64")) {
            return false;
        }
        List<String> mine = o.symbolVersions().getOrDefault(arch, Map.of()).get(prefix);
        List<String> x86 = o.symbolVersions().get("x86_64").get(prefix);
        return mine != null && x86 != null && new TreeSet<>(mine).equals(new TreeSet<>(x86));
    }

    private static String blacklist(PolicyDiff.Change c, Derivation d) {
        String soname = c.scope().substring("blacklist ".length());
        List<String> parts = new ArrayList<>();
        if (!c.removed().isEmpty()) {
            boolean glibc = Set.of("GLIBC").equals(Set.of(PolicyGenerator.PREFIX_OF_SONAME.getOrDefault(soname, "")));
            parts.add(c.removed().size() + " symbol(s) the other file lists: no release in scope with symbol data for "
                    + soname + " lacks them while another on the same arch exports them under an allowed version"
                    + (glibc ? " (glibc's exported symbols come from crawled cells only; the pep600 records carry none)"
                            : ""));
        }
        if (!c.added().isEmpty()) {
            Map<String, List<String>> reasons = d == null ? Map.of() : d.blacklistReasons().getOrDefault(soname, Map.of());
            Map<String, List<String>> byWho = new LinkedHashMap<>();
            for (String s : c.added()) {
                String who = PolicyGenerator.listed(reasons.getOrDefault(s, List.of()));
                byWho.computeIfAbsent(who, k -> new ArrayList<>()).add(s);
            }
            byWho.forEach((who, syms) -> parts.add(syms.size() + " symbol(s) lacking in " + who));
        }
        return String.join("; ", parts);
    }
}

package org.distrocompat.core.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.distrocompat.db.model.SymbolVersions;

/**
 * Says why each derived bound is what it is, one line per policy x arch x prefix:
 * {@code manylinux_2_28 x86_64: GLIBCXX ≤ 3.4.24 because photon-3.0 defines no 3.4.25}.
 */
public final class PolicyExplainer {

    private PolicyExplainer() {
    }

    public static List<String> lines(PolicySet set) {
        List<String> out = new ArrayList<>();
        out.add("# " + set.config().summary());
        Map<String, Integer> reasons = new TreeMap<>();
        set.excludedCells().values().forEach(r -> reasons.merge(r, 1, Integer::sum));
        out.add("# " + set.mainstreamCells().size() + " release x arch cells count; " + set.excludedCells().size()
                + " do not" + (reasons.isEmpty() ? "" : " (" + String.join(", ", reasons.entrySet().stream()
                        .map(e -> e.getKey() + ": " + e.getValue()).toList()) + ")"));
        for (Policy p : set.policies()) {
            Derivation d = set.derivations().get(p.name());
            if (d == null) {
                continue;
            }
            out.add("");
            out.add(p.name() + (p.aliases().isEmpty() ? "" : " (" + String.join(", ", p.aliases()) + ")")
                    + ", priority " + p.priority() + ": " + d.scope().values().stream().mapToInt(List::size).sum()
                    + " release x arch cells with glibc >= 2." + d.glibcMinor());
            d.scope().forEach((arch, releases) -> {
                out.add(p.name() + " " + arch + ": in scope " + String.join(" ", releases));
                d.bounds().get(arch).forEach((prefix, b) -> {
                    StringBuilder sb = new StringBuilder(p.name() + " " + arch + ": " + prefix + " ");
                    sb.append(b.max() == null ? "(no numeric version)" : "≤ " + b.max())
                            .append(b.reason().startsWith("because") ? " " : ": ").append(b.reason());
                    List<String> notes = new ArrayList<>();
                    b.excluded().forEach((v, who) -> {
                        boolean hole = SymbolVersions.isNumeric(v) && b.max() != null
                                && SymbolVersions.compareNumeric(v, b.max()) < 0;
                        if (hole || !SymbolVersions.isNumeric(v)) {
                            notes.add(v + " (" + (who.size() == 1 && who.get(0).startsWith("(") ? who.get(0)
                                    .substring(1, who.get(0).length() - 1) : "lacking in " + PolicyGenerator.listed(who)) + ")");
                        }
                    });
                    if (!notes.isEmpty()) {
                        sb.append("; also left out: ").append(String.join(", ", notes));
                    }
                    if (b.rule() != null) {
                        sb.append("; ").append(b.rule());
                    }
                    if (!b.heldBack().isEmpty()) {
                        sb.append("; held back by ").append(PolicyGenerator.listed(b.heldBack())).append(": without ")
                                .append(b.heldBack().size() == 1 ? "it" : "them").append(" ").append(prefix).append(" ≤ ")
                                .append(b.withoutHeldBack() == null ? "(no numeric version)" : b.withoutHeldBack());
                    }
                    out.add(sb.toString());
                });
            });
            out.add(p.name() + " lib_whitelist: " + p.libWhitelist().size() + " of "
                    + (p.libWhitelist().size() + d.whitelistExcluded().size()) + " candidates; not observable in the "
                    + "database (kept because no release is known to lack them): "
                    + String.join(" ", d.whitelistVerified().entrySet().stream().filter(e -> e.getValue() == 0)
                            .map(Map.Entry::getKey).toList()));
            d.whitelistExcluded().forEach((soname, who) -> out.add(p.name() + " lib_whitelist: " + soname
                    + " left out, lacking in " + PolicyGenerator.listed(who)));
            d.whitelistKept().forEach((soname, who) -> out.add(p.name() + " lib_whitelist: " + soname
                    + " kept by the keep rule (installable runtime) although lacking in " + PolicyGenerator.listed(who)));
            d.blacklistReasons().forEach((soname, symbols) -> {
                List<String> items = symbols.entrySet().stream()
                        .map(e -> e.getKey() + " (lacking in " + PolicyGenerator.listed(e.getValue()) + ")").toList();
                out.add(p.name() + " blacklist " + soname + ": " + String.join(", ", items));
            });
        }
        return out;
    }

    /** The same as data: one object per policy x arch x prefix, plus whitelist and blacklist reasons. */
    public static List<Map<String, Object>> json(PolicySet set) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Policy p : set.policies()) {
            Derivation d = set.derivations().get(p.name());
            if (d == null) {
                continue;
            }
            d.bounds().forEach((arch, byPrefix) -> byPrefix.forEach((prefix, b) -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("policy", p.name());
                m.put("arch", arch);
                m.put("prefix", prefix);
                m.put("max", b.max());
                m.put("next", b.next());
                m.put("binding", b.binding());
                m.put("reason", b.reason());
                m.put("releases_in_scope", d.scope().get(arch));
                m.put("excluded", b.excluded());
                m.put("rule", b.rule());
                m.put("held_back_by", b.heldBack());
                m.put("max_without_held_back", b.withoutHeldBack());
                out.add(m);
            }));
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("policy", p.name());
            w.put("lib_whitelist_excluded", d.whitelistExcluded());
            w.put("lib_whitelist_kept", d.whitelistKept());
            w.put("lib_whitelist_verified_by", d.whitelistVerified());
            w.put("blacklist_reasons", d.blacklistReasons());
            out.add(w);
        }
        return out;
    }
}

package org.distrocompat.core.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.distrocompat.core.check.InputContents;
import org.distrocompat.core.check.InputNeeds;
import org.distrocompat.core.check.Platform;
import org.distrocompat.core.check.SymbolRef;
import org.distrocompat.core.policy.PolicyAudit;
import org.distrocompat.db.model.Libc;

/**
 * The answer for one input: one {@link PlatformReport} per platform of its native files, the primary platform
 * (the wheel tag's, else the first judged Linux one) whose verdict the top-level fields repeat, and the judgement
 * of the tags its file name claims. {@link #toJson()} is the documented JSON object
 * ({@code core/src/main/resources/schema/check.schema.json}): plain maps, lists, strings, numbers and booleans, for
 * any JSON writer.
 */
public record CheckReport(String path, String wheel, List<String> arches, List<PlatformReport> platforms,
        PlatformReport primary, String policySource, List<String> claimedTags, List<TagVerdict> tagVerdicts,
        List<InputContents.Skipped> skipped, long bytesRead) {

    /** Whether a claimed platform tag is true of the input, and why not. */
    public record TagVerdict(String tag, boolean accurate, String reason) {
    }

    public CheckReport {
        arches = List.copyOf(arches);
        platforms = List.copyOf(platforms);
        claimedTags = List.copyOf(claimedTags);
        tagVerdicts = List.copyOf(tagVerdicts);
        skipped = List.copyOf(skipped);
    }

    public boolean tagsAccurate() {
        return tagVerdicts.stream().allMatch(TagVerdict::accurate);
    }

    /** No native file at all. */
    public boolean pure() {
        return platforms.isEmpty();
    }

    /** The primary platform's needs, or null. */
    public InputNeeds needs() {
        return primary == null ? null : primary.needs();
    }

    /** The primary platform's verdicts per release. */
    public List<CheckQuery.Verdict> verdicts() {
        return primary == null ? List.of() : primary.verdicts();
    }

    /** The oldest glibc among the releases the primary platform runs on (null when it is not a glibc one). */
    public String oldestGlibc() {
        return primary != null && !Platform.MUSL.equals(primary.platform().libc()) ? primary.oldestLibc() : null;
    }

    public String overallTag() {
        return primary == null ? null : primary.overallTag();
    }

    public String symTag() {
        return primary == null ? null : primary.symTag();
    }

    public String policyTag() {
        return primary == null ? null : primary.policyTag();
    }

    /** Where one version name is required: the platform, the soname, the files requiring it and the symbols. */
    public record Why(PlatformReport platform, String soname, List<String> files, List<SymbolRef> symbols) {
    }

    /** Every requirement of {@code version} (a name such as GLIBC_2.34) in every platform, with its symbols. */
    public List<Why> why(String version) {
        List<Why> out = new ArrayList<>();
        for (PlatformReport p : platforms) {
            if (p.needs() == null) {
                continue;
            }
            new TreeMap<>(p.needs().requiredBy()).forEach((soname, byVersion) -> {
                List<String> files = byVersion.get(version);
                if (files != null) {
                    out.add(new Why(p, soname, files, p.needs().symbolsFor(soname, version)));
                }
            });
        }
        return out;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", path);
        m.put("wheel", wheel);
        m.put("pure", pure());
        m.put("os", primary == null ? null : primary.platform().os().id());
        m.put("arch", primary == null ? null : primary.platform().arch());
        m.put("arches", arches);
        m.put("libc", primary == null ? null : primary.platform().libc() != null ? primary.platform().libc()
                : primary.needs() != null ? primary.needs().libc() : null);
        m.put("elf_files", primary == null || primary.needs() == null ? List.of() : primary.needs().elfPaths());
        verdictFields(m, primary);
        if (policySource != null) {
            m.put("policy", policySource);
            m.put("policy_tag", policyTag());
        }
        m.put("claimed_tags", claimedTags);
        m.put("tags_accurate", tagsAccurate());
        m.put("tag_verdicts", tagVerdicts.stream().map(t -> {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("tag", t.tag());
            mm.put("accurate", t.accurate());
            mm.put("reason", t.reason());
            return mm;
        }).toList());
        m.put("platforms", platforms.stream().map(this::platformJson).toList());
        m.put("skipped", skipped.stream().map(s -> {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("path", s.path());
            mm.put("reason", s.reason());
            return mm;
        }).toList());
        m.put("bytes_read", bytesRead);
        return m;
    }

    private Map<String, Object> platformJson(PlatformReport p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("os", p.platform().os().id());
        m.put("libc", p.platform().libc());
        m.put("arch", p.platform().arch());
        m.put("format", p.format());
        m.put("files", p.files());
        m.put("elf_files", p.needs() == null ? List.of() : p.needs().elfPaths());
        m.put("judged", p.judged());
        m.put("note", p.note());
        verdictFields(m, p);
        if (policySource != null) {
            m.put("policy_tag", p.policyTag());
        }
        return m;
    }

    /** The fields a platform's verdict has, at the top level (of the primary platform) and in each platform entry. */
    private static void verdictFields(Map<String, Object> m, PlatformReport p) {
        InputNeeds needs = p == null ? null : p.needs();
        m.put("requirements", needs == null ? Map.of() : needs.requirements());
        m.put("versioned_symbols", needs == null ? Map.of() : versioned(needs.versionedSymbols()));
        m.put("not_in_base_system", p == null ? List.of() : p.notInBaseSystem());
        m.put("shipped_libraries", needs == null ? List.of() : needs.shipped().stream().map(CheckReport::shipped).toList());
        m.put("unreachable_shipped_libraries", needs == null ? List.of()
                : needs.unreachableShipped().stream().map(CheckReport::shipped).toList());
        m.put("unversioned_symbols", needs == null ? List.of() : needs.unversionedSymbols());
        m.put("releases", p == null ? List.of() : p.verdicts().stream().map(CheckReport::release).toList());
        String libc = p == null ? null : p.platform().libc();
        m.put("oldest_glibc", p != null && !Platform.MUSL.equals(libc) ? p.oldestLibc() : null);
        m.put("oldest_musl", p != null && Platform.MUSL.equals(libc) ? p.oldestLibc() : null);
        PolicyAudit.Result audit = p == null ? null : p.audit();
        m.put("overall_tag", audit == null ? null : audit.overallTag());
        m.put("sym_tag", audit == null ? null : audit.symTag());
        m.put("pyfpe", audit != null && audit.pyfpe());
        m.put("ucs2", audit != null && audit.ucs2());
        m.put("unsupported_isa", audit != null && audit.unsupportedIsa());
        m.put("limits", audit == null ? List.of() : audit.limits().stream().map(l -> {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("criterion", l.criterion().id());
            mm.put("tag", l.tag());
            mm.put("reason", l.reason());
            mm.put("symbols", l.symbols().stream().map(CheckReport::symbol).toList());
            return mm;
        }).toList());
    }

    private static SortedMap<String, Object> versioned(SortedMap<String, ? extends Iterable<String>> v) {
        SortedMap<String, Object> out = new TreeMap<>();
        v.forEach((k, versions) -> {
            List<String> l = new ArrayList<>();
            versions.forEach(l::add);
            if (!l.isEmpty()) {
                out.put(k, l);
            }
        });
        return out;
    }

    private static Map<String, Object> release(CheckQuery.Verdict v) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("distro", v.cell().distro());
        r.put("release", v.cell().release());
        r.put("codename", v.cell().codename());
        r.put("arch", v.cell().arch().wheelName());
        r.put("status", v.cell().status().dbName());
        r.put("glibc", v.cell().glibc());
        r.put("provenance", v.cell().provenance().dbName());
        r.put("compatible", v.compatible());
        r.put("missing", v.missing().stream().map(x -> {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("soname", x.soname());
            mm.put("version", x.version());
            mm.put("symbols", x.symbols().stream().map(CheckReport::symbol).toList());
            mm.put("symbol_count", x.symbolCount());
            return mm;
        }).toList());
        r.put("not_covered", v.notCovered());
        if (v.cell().libc() == Libc.MUSL) {
            r.put("musl", v.cell().glibc());
            r.put("missing_symbols", v.missingSymbols().stream().map(CheckReport::muslSymbol).toList());
        }
        return r;
    }

    /** A libc symbol a musl release lacks, with the musl versions the data knows it in. */
    private static Map<String, Object> muslSymbol(MuslSymbols.Missing s) {
        Map<String, Object> mm = new LinkedHashMap<>();
        mm.put("name", s.name());
        mm.put("oldest_musl_with", s.oldestWith());
        mm.put("added_in", s.addedIn());
        return mm;
    }

    private static Map<String, Object> symbol(SymbolRef s) {
        Map<String, Object> mm = new LinkedHashMap<>();
        mm.put("file", s.file());
        mm.put("name", s.name());
        return mm;
    }

    private static Map<String, Object> shipped(InputNeeds.ShippedNeed s) {
        Map<String, Object> mm = new LinkedHashMap<>();
        mm.put("needed_by", s.neededBy());
        mm.put("soname", s.soname());
        mm.put("path", s.path());
        return mm;
    }
}

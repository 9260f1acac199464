package org.distrocompat.core.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distrocompat.core.check.InputContents;
import org.distrocompat.core.check.InputNeeds;
import org.distrocompat.db.model.Libc;

/**
 * The answer for one input: its needs, the verdict per stored release x arch, the most compatible tags and the
 * judgement of the tags its file name claims. {@link #toJson()} is the documented JSON object.
 */
public record CheckReport(String path, String wheel, InputNeeds needs, List<String> notInBaseSystem,
        List<CheckQuery.Verdict> verdicts, String oldestGlibc, String overallTag, String symTag,
        String policyTag, String policySource, List<String> claimedTags, List<TagVerdict> tagVerdicts,
        List<InputContents.Skipped> skipped, long bytesRead) {

    /** Whether a claimed platform tag is true of the input, and why not. */
    public record TagVerdict(String tag, boolean accurate, String reason) {
    }

    public boolean tagsAccurate() {
        return tagVerdicts.stream().allMatch(TagVerdict::accurate);
    }

    public boolean pure() {
        return needs.arch() == null;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", path);
        m.put("wheel", wheel);
        m.put("pure", pure());
        m.put("arch", needs.arch());
        m.put("arches", needs.arches());
        m.put("libc", needs.libc());
        m.put("elf_files", needs.elfPaths());
        m.put("requirements", needs.requirements());
        Map<String, Object> versioned = new LinkedHashMap<>();
        needs.requirements().forEach((k, v) -> {
            if (!v.isEmpty()) {
                versioned.put(k, v);
            }
        });
        m.put("versioned_symbols", versioned);
        m.put("not_in_base_system", notInBaseSystem);
        m.put("shipped_libraries", needs.shipped().stream().map(CheckReport::shipped).toList());
        m.put("unreachable_shipped_libraries", needs.unreachableShipped().stream().map(CheckReport::shipped).toList());
        m.put("unversioned_symbols", needs.unversionedSymbols());
        List<Object> releases = new ArrayList<>();
        for (CheckQuery.Verdict v : verdicts) {
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
                return mm;
            }).toList());
            r.put("not_covered", v.notCovered());
            if (v.cell().libc() == Libc.MUSL) {
                r.put("musl", v.cell().glibc());
                r.put("missing_symbols", v.missingSymbols().stream().map(CheckReport::symbol).toList());
            }
            releases.add(r);
        }
        m.put("releases", releases);
        m.put("oldest_glibc", oldestGlibc);
        m.put("overall_tag", overallTag);
        m.put("sym_tag", symTag);
        if (policySource != null) {
            m.put("policy", policySource);
            m.put("policy_tag", policyTag);
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
        m.put("skipped", skipped.stream().map(s -> {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("path", s.path());
            mm.put("reason", s.reason());
            return mm;
        }).toList());
        m.put("bytes_read", bytesRead);
        return m;
    }

    private static Map<String, Object> symbol(MuslSymbols.Missing s) {
        Map<String, Object> mm = new LinkedHashMap<>();
        mm.put("name", s.name());
        mm.put("oldest_musl_with", s.oldestWith());
        mm.put("added_in", s.addedIn());
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

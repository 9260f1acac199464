package org.distrocompat.api.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.distrocompat.db.query.ReleaseHistory.ArchHistory;
import org.distrocompat.db.query.ReleaseHistory.Observation;

/** A release's package history as JSON: what {@code history --json} prints and the release detail of the API holds. */
public final class HistoryJson {
    private HistoryJson() {
    }

    /** One release x arch: its identity and every package observation with what it gained and lost. */
    public static Map<String, Object> of(ArchHistory h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("distro", h.distro());
        m.put("release", h.release());
        m.put("codename", h.codename());
        m.put("arch", h.arch());
        m.put("libc", h.libc());
        m.put("libc_version", h.libcVersion());
        List<Map<String, Object>> obs = new ArrayList<>();
        h.packages().forEach((name, list) -> list.forEach(o -> {
            Map<String, Object> om = new LinkedHashMap<>();
            om.put("package", name);
            om.put("version", o.version());
            om.put("pocket", o.pocket());
            om.put("first_seen", o.firstSeen().toString());
            om.put("last_seen", o.lastSeen().toString());
            om.put("current", o.current());
            om.put("gained", o.first() ? List.of() : o.gained());
            om.put("lost", o.lost());
            om.put("defines", o.defines());
            obs.add(om);
        }));
        m.put("observations", obs);
        m.put("dropped_versions", h.drops().stream().map(d -> {
            Map<String, Object> dm = new LinkedHashMap<>();
            dm.put("crawl_run", d.runId());
            dm.put("found_at", d.foundAt().toString());
            dm.put("package", d.packageName());
            dm.put("old_version", d.oldVersion());
            dm.put("new_version", d.newVersion());
            dm.put("dropped", d.dropped());
            return dm;
        }).toList());
        return m;
    }

    /** When {@code version} first appeared in one release x arch, and in which package version (nulls: never). */
    public static Map<String, Object> firstSeen(ArchHistory h, String version) {
        Optional<Observation> first = h.firstDefining(version);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("distro", h.distro());
        m.put("release", h.release());
        m.put("codename", h.codename());
        m.put("arch", h.arch());
        m.put("version", version);
        m.putAll(firstObservation(first.orElse(null)));
        return m;
    }

    /** Every version name the release x arch ever defined, with when and in which package it first appeared. */
    public static Map<String, Object> firstSeenOfEach(ArchHistory h) {
        Map<String, Object> m = new LinkedHashMap<>();
        h.firstDefinitions().forEach((name, o) -> m.put(name, firstObservation(o)));
        return m;
    }

    /**
     * {@code first_seen}, {@code package}, {@code package_version}, {@code pocket}, {@code at_first_crawl} (all null
     * for none).
     */
    private static Map<String, Object> firstObservation(Observation o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("first_seen", o == null ? null : o.firstSeen().toString());
        m.put("package", o == null ? null : o.packageName());
        m.put("package_version", o == null ? null : o.version());
        m.put("pocket", o == null ? null : o.pocket());
        m.put("at_first_crawl", o == null ? null : o.first());
        return m;
    }
}

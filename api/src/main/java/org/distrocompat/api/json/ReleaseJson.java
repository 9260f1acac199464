package org.distrocompat.api.json;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.distrocompat.core.calendar.SupportStatus;
import org.distrocompat.db.model.Libc;
import org.distrocompat.db.query.ReleaseArchView;

/** A stored release x arch as JSON: what {@code releases --json} prints and {@code GET /api/releases} sends. */
public final class ReleaseJson {
    private ReleaseJson() {
    }

    /**
     * {@code distro}, {@code release}, {@code codename}, {@code arch}, {@code status}, {@code libc}, {@code glibc}
     * (null for musl releases), {@code musl} (null for glibc releases), {@code provenance}, {@code release_date} and
     * {@code eol_date} (where known), {@code versions} (prefix -> every defined name) and {@code max} (prefix ->
     * highest); without {@code versions} when {@code withVersions} is false (the short form of listings).
     */
    public static Map<String, Object> of(ReleaseArchView c, boolean withVersions) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("distro", c.distro());
        m.put("release", c.release());
        m.put("codename", c.codename());
        m.put("arch", c.arch().wheelName());
        m.put("status", c.status().dbName());
        m.put("libc", c.libc().dbName());
        m.put("glibc", c.libc() == Libc.GLIBC ? c.glibc() : null);
        m.put("musl", c.libc() == Libc.MUSL ? c.glibc() : null);
        m.put("provenance", c.provenance().dbName());
        m.put("release_date", c.releaseDate() == null ? null : c.releaseDate().toString());
        m.put("eol_date", c.eolDate() == null ? null : c.eolDate().toString());
        if (withVersions) {
            m.put("versions", c.versions());
        }
        m.put("max", c.max());
        return m;
    }

    /** The same with {@code support} {@code {as_of, status, label, until}}: the release calendar's word on a date. */
    public static Map<String, Object> of(ReleaseArchView c, boolean withVersions, SupportStatus s, LocalDate date) {
        Map<String, Object> m = of(c, withVersions);
        Map<String, Object> support = new LinkedHashMap<>();
        support.put("as_of", date.toString());
        support.put("status", s.status().schemaName());
        support.put("label", s.label());
        support.put("until", s.until() == null ? null : s.until().toString());
        m.put("support", support);
        return m;
    }
}

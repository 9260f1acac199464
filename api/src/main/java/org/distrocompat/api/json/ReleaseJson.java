package org.distrocompat.api.json;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.distrocompat.core.calendar.CalendarEntry;
import org.distrocompat.core.calendar.ReleaseCalendar;
import org.distrocompat.core.calendar.SupportStatus;
import org.distrocompat.db.model.Libc;
import org.distrocompat.db.query.ReleaseArchView;

/** A stored release x arch as JSON: what {@code releases --json} prints and {@code GET /api/releases} sends. */
public final class ReleaseJson {
    private ReleaseJson() {
    }

    /**
     * {@code distro}, {@code distro_name} (the family's display name), {@code release}, {@code codename},
     * {@code arch}, {@code status}, {@code libc}, {@code glibc} (null for musl releases), {@code musl} (null for glibc
     * releases), {@code provenance}, {@code release_date} and {@code eol_date} (where known: stored, else from
     * {@code calendar}), {@code versions} (prefix -> every defined name) and {@code max} (prefix -> highest); without
     * {@code versions} when {@code withVersions} is false (the short form of listings).
     */
    public static Map<String, Object> of(ReleaseArchView c, boolean withVersions, ReleaseCalendar calendar) {
        Dates dates = Dates.of(c, calendar);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("distro", c.distro());
        m.put("distro_name", c.distroDisplayName());
        m.put("release", c.release());
        m.put("codename", c.codename());
        m.put("arch", c.arch().wheelName());
        m.put("status", c.status().dbName());
        m.put("libc", c.libc().dbName());
        m.put("glibc", c.libc() == Libc.GLIBC ? c.glibc() : null);
        m.put("musl", c.libc() == Libc.MUSL ? c.glibc() : null);
        m.put("provenance", c.provenance().dbName());
        m.put("release_date", dates.text(dates.release()));
        m.put("eol_date", dates.text(dates.eol()));
        if (withVersions) {
            m.put("versions", c.versions());
        }
        m.put("max", c.max());
        return m;
    }

    /** The same with {@code support} {@code {as_of, status, label, until}}: the release calendar's word on a date. */
    public static Map<String, Object> of(ReleaseArchView c, boolean withVersions, ReleaseCalendar calendar, SupportStatus s,
            LocalDate date) {
        Map<String, Object> m = of(c, withVersions, calendar);
        Map<String, Object> support = new LinkedHashMap<>();
        support.put("as_of", date.toString());
        support.put("status", s.status().schemaName());
        support.put("label", s.label());
        support.put("until", s.until() == null ? null : s.until().toString());
        m.put("support", support);
        return m;
    }

    /**
     * A release's dates: as stored, else from its release-calendar entry (end of life: the last support of any kind
     * the calendar names, extended included).
     */
    public record Dates(LocalDate release, LocalDate eol) {
        public static Dates of(ReleaseArchView c, ReleaseCalendar calendar) {
            Optional<CalendarEntry> e = calendar.entryFor(c.distro(), c.release(), c.codename());
            LocalDate released = c.releaseDate() != null ? c.releaseDate() : e.map(CalendarEntry::releaseDate).orElse(null);
            LocalDate eol = c.eolDate() != null ? c.eolDate() : e.map(x -> Stream.of(x.supportEnd(), x.ltsEnd(),
                    x.extendedEnd()).filter(Objects::nonNull).max(LocalDate::compareTo).orElse(null)).orElse(null);
            return new Dates(released, eol);
        }

        String text(LocalDate d) {
            return d == null ? null : d.toString();
        }
    }
}

package org.distrocompat.core.calendar;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.distrocompat.db.model.ReleaseStatus;
import org.distrocompat.db.query.CalendarRow;

/**
 * The calendar as the queries use it: the stored rows merged per (distro, cycle) — distro-info-data first where it
 * has the cycle, endoflife.date filling what it lacks — and mapped to stored releases. A stored release matches the
 * cycle of its version ("12", "22.04"), else the cycle whose codename it is named by ("bullseye") or whose codename it
 * carries. Moving suites keep their stored status (rolling, devel) whatever the date. The one place that decides a
 * release's support on a date: the CLI, the snapshot-based queries and the HTTP API all ask this type.
 */
public final class ReleaseCalendar {
    private final Map<String, List<CalendarEntry>> byDistro;

    private ReleaseCalendar(Map<String, List<CalendarEntry>> byDistro) {
        this.byDistro = byDistro;
    }

    public static ReleaseCalendar of(Collection<CalendarRow> rows) {
        Map<String, CalendarEntry> merged = new LinkedHashMap<>();
        // distro-info rows first: they win field by field over endoflife.date's
        List<CalendarRow> ordered = new ArrayList<>(rows);
        ordered.sort((a, b) -> Boolean.compare(!a.source().equals(CalendarRow.DISTRO_INFO),
                !b.source().equals(CalendarRow.DISTRO_INFO)));
        for (CalendarRow r : ordered) {
            merged.merge(r.distro() + "\0" + r.cycle(), CalendarEntry.of(r), CalendarEntry::fillFrom);
        }
        Map<String, List<CalendarEntry>> byDistro = new LinkedHashMap<>();
        merged.values().forEach(e -> byDistro.computeIfAbsent(e.distro(), k -> new ArrayList<>()).add(e));
        return new ReleaseCalendar(byDistro);
    }

    public boolean isEmpty() {
        return byDistro.isEmpty();
    }

    /** Every merged entry. */
    public List<CalendarEntry> entries() {
        return byDistro.values().stream().flatMap(List::stream).toList();
    }

    /** The calendar entry of a stored release, if one matches. */
    public Optional<CalendarEntry> entryFor(String distro, String release, String codename) {
        List<CalendarEntry> entries = byDistro.getOrDefault(distro, List.of());
        for (CalendarEntry e : entries) {
            if (e.cycle().equals(release)) {
                return Optional.of(e);
            }
        }
        for (CalendarEntry e : entries) {
            String name = firstWord(e.codename());
            if (name != null && (name.equals(lower(release)) || name.equals(firstWord(codename)))) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The support of a stored release on {@code date}; moving suites keep their stored status. */
    public SupportStatus status(String distro, String release, String codename, ReleaseStatus stored, LocalDate date) {
        if (stored == ReleaseStatus.ROLLING) {
            return new SupportStatus(SupportStatus.Status.ROLLING, null, null);
        }
        if (stored == ReleaseStatus.DEVEL) {
            return new SupportStatus(SupportStatus.Status.DEVEL, null, null);
        }
        return entryFor(distro, release, codename).map(e -> e.statusOn(date))
                .orElse(new SupportStatus(SupportStatus.Status.UNKNOWN, "no calendar", null));
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static String firstWord(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.strip().toLowerCase(Locale.ROOT);
        int sp = t.indexOf(' ');
        return sp < 0 ? t : t.substring(0, sp);
    }
}

package org.distrocompat.core.calendar;

import java.time.LocalDate;
import org.distrocompat.db.query.CalendarRow;

/**
 * One release cycle's dates after the calendar's sources are merged (distro-info-data first where it has the
 * cycle, endoflife.date filling what it lacks), and its support status on any date.
 */
public record CalendarEntry(String distro, String cycle, String codename, boolean lts, LocalDate releaseDate,
        LocalDate supportEnd, LocalDate ltsEnd, LocalDate extendedEnd, String extendedName, String sources) {

    static CalendarEntry of(CalendarRow r) {
        return new CalendarEntry(r.distro(), r.cycle(), r.codename(), r.lts(), r.releaseDate(), r.supportEnd(),
                r.ltsEnd(), r.extendedEnd(), r.extendedName(), r.source());
    }

    /** This entry with the fields it lacks taken from {@code other} (a second source of the same cycle). */
    CalendarEntry fillFrom(CalendarEntry other) {
        return new CalendarEntry(distro, cycle, codename != null ? codename : other.codename, lts || other.lts,
                releaseDate != null ? releaseDate : other.releaseDate,
                supportEnd != null ? supportEnd : other.supportEnd, ltsEnd != null ? ltsEnd : other.ltsEnd,
                extendedEnd != null ? extendedEnd : other.extendedEnd,
                extendedName != null ? extendedName : other.extendedName, sources + "+" + other.sources);
    }

    /**
     * The status on {@code date}: devel before the release date (or with none), supported through the last day
     * of standard support and of free long-term support, extended through the last day of extended support,
     * eol after. An end that is not announced never passes.
     */
    public SupportStatus statusOn(LocalDate date) {
        if (releaseDate == null || date.isBefore(releaseDate)) {
            return new SupportStatus(SupportStatus.Status.DEVEL, null, releaseDate);
        }
        if (supportEnd == null || !date.isAfter(supportEnd)) {
            return new SupportStatus(SupportStatus.Status.SUPPORTED, lts ? "LTS" : null, supportEnd);
        }
        if (ltsEnd != null && !date.isAfter(ltsEnd)) {
            return new SupportStatus(SupportStatus.Status.SUPPORTED, "LTS", ltsEnd);
        }
        if (extendedEnd != null && !date.isAfter(extendedEnd)) {
            return new SupportStatus(SupportStatus.Status.EXTENDED, extendedName, extendedEnd);
        }
        LocalDate last = extendedEnd != null ? extendedEnd : ltsEnd != null ? ltsEnd : supportEnd;
        return new SupportStatus(SupportStatus.Status.EOL, null, last);
    }
}

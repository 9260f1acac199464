package org.distrocompat.core.query;

import java.time.LocalDate;
import java.util.Locale;
import org.distrocompat.core.calendar.ReleaseCalendar;
import org.distrocompat.db.model.Arch;
import org.distrocompat.db.model.Libc;
import org.distrocompat.db.model.ReleaseStatus;
import org.distrocompat.db.query.ReleaseArchView;

/**
 * Which stored release x arch cells a listing shows: by distro, arch, libc flavour, status, and whether the
 * release was supported on a date. Every listing (the {@code releases} command, {@code GET /api/releases}, the
 * web page's matrix) filters through this one type, so "supported on" means the same everywhere. A null field
 * does not filter. With a release calendar, "supported on" is the calendar's word for the date (extended support —
 * LTS beyond the regular window, ESM, ELTS — counts only when {@code includeExtended}); without one, it is read
 * from the stored dates and status.
 */
public record ReleaseFilter(String distro, Arch arch, Libc libc, ReleaseStatus status, LocalDate supportedOn,
        ReleaseCalendar calendar, boolean includeExtended) {
    public static final ReleaseFilter ALL = new ReleaseFilter(null, null, null, null, null, null, false);

    /** A filter without a calendar. */
    public ReleaseFilter(String distro, Arch arch, Libc libc, ReleaseStatus status, LocalDate supportedOn) {
        this(distro, arch, libc, status, supportedOn, null, false);
    }

    public ReleaseFilter {
        distro = distro == null || distro.isBlank() ? null : distro.trim().toLowerCase(Locale.ROOT);
    }

    public boolean test(ReleaseArchView c) {
        return (distro == null || c.distro().equals(distro))
                && (arch == null || c.arch() == arch)
                && (libc == null || c.libc() == libc)
                && (status == null || c.status() == status)
                && (supportedOn == null || supported(c));
    }

    private boolean supported(ReleaseArchView c) {
        if (calendar != null && !calendar.isEmpty()) {
            return calendar.status(c.distro(), c.release(), c.codename(), c.status(), supportedOn)
                    .supported(includeExtended);
        }
        return supportedOn(c.status(), c.releaseDate(), c.eolDate(), supportedOn);
    }

    /**
     * Whether a release was (or will be) supported on {@code date}: from its release and end-of-life dates where
     * they are known — released on or before the date, end of life after it — and from its status where they are
     * not (supported and rolling releases count, end-of-life, development and unknown ones do not). The status is
     * today's, so for a date in the past a release without dates is judged as it stands now; the release calendar
     * fills in the dates.
     */
    public static boolean supportedOn(ReleaseStatus status, LocalDate released, LocalDate eol, LocalDate date) {
        if (released != null && released.isAfter(date)) {
            return false;
        }
        if (eol != null) {
            return eol.isAfter(date);
        }
        if (released != null) {
            return status != ReleaseStatus.EOL; // released by then with no known end, unless it has ended since
        }
        return status == ReleaseStatus.SUPPORTED || status == ReleaseStatus.ROLLING;
    }
}

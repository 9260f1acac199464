package org.distrocompat.db.query;

import java.time.LocalDate;

/**
 * One release cycle as a calendar publishes it, keyed by the stored distro id and the calendar's cycle name.
 *
 * @param source       {@code distro-info} (distro-info-data's CSVs) or {@code endoflife} (endoflife.date)
 * @param releaseDate  null while the release is announced but not out
 * @param supportEnd   the last day of standard support; null when no end is announced
 * @param ltsEnd       the last day of free long-term support that counts as supported (Debian LTS), or null
 * @param extendedEnd  the last day of extended support (Debian ELTS, Ubuntu ESM, RHEL ELS), or null
 * @param extendedName what that extension is called (ELTS, ESM, ELS), or null
 * @param location     the file the row was read from (provenance)
 */
public record CalendarRow(String distro, String cycle, String source, String codename, boolean lts,
        LocalDate releaseDate, LocalDate supportEnd, LocalDate ltsEnd, LocalDate extendedEnd, String extendedName,
        String location) {

    public static final String DISTRO_INFO = "distro-info";
    public static final String ENDOFLIFE = "endoflife";
}

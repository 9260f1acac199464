package org.distrocompat.core.calendar;

import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.distrocompat.db.error.UserException;
import org.distrocompat.db.query.CalendarRow;

/**
 * distro-info-data's calendars ({@code /usr/share/distro-info/debian.csv}, {@code ubuntu.csv}): one line per
 * release with version, codename, series, created, release, eol and the distro's extension columns. Debian:
 * {@code eol-lts} (Debian LTS, counted as supported) and {@code eol-elts} (Extended LTS). Ubuntu:
 * {@code eol-server} (server support of old LTS releases, counted as standard support), {@code eol-esm} (Expanded
 * Security Maintenance) and {@code eol-legacy} (the Legacy add-on after ESM). A version "24.04 LTS" is cycle 24.04,
 * LTS. Lines without a version (sid, experimental) are moving suites with no calendar of their own and are skipped.
 */
public final class DistroInfoCsv {
    /** The distros distro-info-data publishes. */
    public static final Set<String> DISTROS = Set.of("debian", "ubuntu");

    private DistroInfoCsv() {
    }

    /** Parses one CSV; a malformed file is one line of bad input naming it. */
    public static List<CalendarRow> parse(String distro, Reader in, String location) {
        if (!DISTROS.contains(distro)) {
            throw new UserException("distro-info-data has no calendar for '" + distro + "' (debian, ubuntu)");
        }
        List<CalendarRow> rows = new ArrayList<>();
        try {
            CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                    .setIgnoreEmptyLines(true).setTrim(true).get();
            for (CSVRecord r : format.parse(in)) {
                if (!r.isMapped("version") || !r.isMapped("release") || !r.isMapped("eol")) {
                    throw new UserException(location + ": not a distro-info-data CSV (needs version, codename, series, "
                            + "created, release, eol)");
                }
                String version = get(r, "version");
                if (version == null) {
                    continue;
                }
                boolean lts = version.toUpperCase(Locale.ROOT).endsWith(" LTS");
                String cycle = lts ? version.substring(0, version.length() - 4).strip() : version;
                String series = get(r, "series");
                LocalDate release = date(r, "release", location);
                LocalDate eol = date(r, "eol", location);
                LocalDate ltsEnd = null;
                LocalDate extended = null;
                String extendedName = null;
                if (distro.equals("debian")) {
                    ltsEnd = date(r, "eol-lts", location);
                    extended = date(r, "eol-elts", location);
                    extendedName = extended == null ? null : "ELTS";
                } else {
                    LocalDate server = date(r, "eol-server", location);
                    if (server != null && (eol == null || server.isAfter(eol))) {
                        eol = server;
                    }
                    LocalDate esm = date(r, "eol-esm", location);
                    LocalDate legacy = date(r, "eol-legacy", location);
                    extended = legacy != null ? legacy : esm;
                    extendedName = legacy != null ? "ESM+Legacy" : esm != null ? "ESM" : null;
                }
                rows.add(new CalendarRow(distro, cycle, CalendarRow.DISTRO_INFO, series, lts, release, eol, ltsEnd,
                        extended, extendedName, location));
            }
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            throw new UserException(location + ": not a readable distro-info-data CSV (" + e.getMessage() + ")", e);
        }
        return rows;
    }

    private static String get(CSVRecord r, String column) {
        if (!r.isMapped(column) || !r.isSet(column)) {
            return null;
        }
        String v = r.get(column);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static LocalDate date(CSVRecord r, String column, String location) {
        String v = get(r, column);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new UserException(location + ": line " + r.getRecordNumber() + ": " + column + " '" + v
                    + "' is not a date (YYYY-MM-DD)");
        }
    }
}

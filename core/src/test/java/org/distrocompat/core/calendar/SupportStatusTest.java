package org.distrocompat.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.distrocompat.db.model.ReleaseStatus;
import org.distrocompat.db.query.CalendarRow;
import org.junit.jupiter.api.Test;

/** Status as of a date, from the shipped calendars (distro-info-data and endoflife.date merged). */
class SupportStatusTest {
    private static final ReleaseCalendar CALENDAR = shipped();

    private static ReleaseCalendar shipped() {
        List<CalendarRow> rows = new ArrayList<>(new CalendarLoader(Path.of("/nonexistent")).distroInfo());
        rows.addAll(CalendarLoader.shippedEndoflife());
        return ReleaseCalendar.of(rows);
    }

    private static String on(String distro, String release, String date) {
        return CALENDAR.status(distro, release, null, ReleaseStatus.SUPPORTED, LocalDate.parse(date)).describe();
    }

    @Test
    void debianOnNewYear2025() {
        assertThat(on("debian", "12", "2025-01-01")).isEqualTo("supported (until 2026-07-11)");
        assertThat(on("debian", "11", "2025-01-01")).isEqualTo("supported (LTS until 2026-08-31)");
        assertThat(on("debian", "10", "2025-01-01")).isEqualTo("extended (ELTS until 2029-06-30)");
        assertThat(on("debian", "8", "2025-01-01")).isEqualTo("extended (ELTS until 2025-06-30)");
        assertThat(on("debian", "8", "2025-07-01")).isEqualTo("eol (until 2025-06-30)");
        assertThat(on("centos", "7", "2025-01-01")).isEqualTo("eol (until 2024-06-30)");
    }

    @Test
    void boundariesAreInclusive() {
        assertThat(on("debian", "12", "2026-07-11")).isEqualTo("supported (until 2026-07-11)");
        assertThat(on("debian", "12", "2026-07-12")).isEqualTo("supported (LTS until 2028-06-30)");
        assertThat(on("debian", "13", "2025-08-08")).isEqualTo("devel (until 2025-08-09)");
        assertThat(on("debian", "13", "2025-08-09")).startsWith("supported");
        assertThat(on("ubuntu", "24.04", "2029-06-01")).isEqualTo("extended (ESM+Legacy until 2036-04-29)");
    }

    @Test
    void supportedCountsExtendedOnlyWhenAsked() {
        SupportStatus elts = CALENDAR.status("debian", "10", null, ReleaseStatus.SUPPORTED, LocalDate.parse("2025-01-01"));
        assertThat(elts.supported(false)).isFalse();
        assertThat(elts.supported(true)).isTrue();
        SupportStatus eol = CALENDAR.status("centos", "7", null, ReleaseStatus.EOL, LocalDate.parse("2025-01-01"));
        assertThat(eol.supported(true)).isFalse();
    }

    @Test
    void mappingByNumberOrCodenameAndMovingSuites() {
        assertThat(CALENDAR.entryFor("debian", "bullseye", null)).get().extracting(CalendarEntry::cycle).isEqualTo("11");
        assertThat(CALENDAR.entryFor("debian", "testing", "forky")).get().extracting(CalendarEntry::cycle).isEqualTo("14");
        assertThat(CALENDAR.status("debian", "testing", "forky", ReleaseStatus.DEVEL, LocalDate.parse("2030-01-01")).status())
                .isEqualTo(SupportStatus.Status.DEVEL);
        assertThat(CALENDAR.status("debian", "unstable", "sid", ReleaseStatus.ROLLING, LocalDate.parse("2025-01-01")).status())
                .isEqualTo(SupportStatus.Status.ROLLING);
        assertThat(CALENDAR.status("manylinux", "2_28", null, ReleaseStatus.SUPPORTED, LocalDate.parse("2025-01-01")).status())
                .isEqualTo(SupportStatus.Status.UNKNOWN);
        assertThat(CALENDAR.entryFor("rhubi", "8", null)).isPresent();
    }

    @Test
    void distroInfoWinsFieldByFieldAndEndoflifeFillsTheRest() {
        CalendarRow info = new CalendarRow("debian", "12", CalendarRow.DISTRO_INFO, "bookworm", false,
                LocalDate.parse("2023-06-10"), LocalDate.parse("2026-06-10"), null, null, null, "debian.csv");
        CalendarRow eol = new CalendarRow("debian", "12", CalendarRow.ENDOFLIFE, "Bookworm", false,
                LocalDate.parse("2023-06-10"), LocalDate.parse("2026-07-11"), LocalDate.parse("2028-06-30"), null, null,
                "debian.md");
        CalendarEntry e = ReleaseCalendar.of(List.of(eol, info)).entryFor("debian", "12", null).orElseThrow();
        assertThat(e.supportEnd()).isEqualTo(LocalDate.parse("2026-06-10"));
        assertThat(e.ltsEnd()).isEqualTo(LocalDate.parse("2028-06-30"));
        assertThat(e.sources()).isEqualTo("distro-info+endoflife");
    }
}

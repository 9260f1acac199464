package org.distrocompat.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.distrocompat.core.policy.SharedData;
import org.distrocompat.db.error.UserException;
import org.distrocompat.db.query.CalendarRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both calendar formats: distro-info-data's CSVs and endoflife.date's product files (shipped copies and ../shared). */
class CalendarParsingTest {

    private static CalendarRow row(List<CalendarRow> rows, String cycle) {
        return rows.stream().filter(r -> r.cycle().equals(cycle)).findFirst().orElseThrow();
    }

    @Test
    void debianCsvGivesStandardLtsAndEltsEnds() {
        List<CalendarRow> rows = new CalendarLoader(Path.of("/nonexistent")).distroInfo();
        CalendarRow d11 = row(rows.stream().filter(r -> r.distro().equals("debian")).toList(), "11");
        assertThat(d11.source()).isEqualTo(CalendarRow.DISTRO_INFO);
        assertThat(d11.codename()).isEqualTo("bullseye");
        assertThat(d11.releaseDate()).isEqualTo(LocalDate.of(2021, 8, 14));
        assertThat(d11.supportEnd()).isEqualTo(LocalDate.of(2024, 8, 14));
        assertThat(d11.ltsEnd()).isEqualTo(LocalDate.of(2026, 8, 31));
        assertThat(d11.extendedEnd()).isEqualTo(LocalDate.of(2031, 6, 30));
        assertThat(d11.extendedName()).isEqualTo("ELTS");
        assertThat(d11.location()).startsWith("distrocompat built-in copy of distro-info/debian.csv");
        // sid and experimental have no version: moving suites, no calendar row
        assertThat(rows).noneMatch(r -> r.cycle().isEmpty() || "sid".equals(r.codename()));
        // announced, not released: a row without a release date
        assertThat(row(rows.stream().filter(r -> r.distro().equals("debian")).toList(), "15").releaseDate()).isNull();
    }

    @Test
    void ubuntuCsvReadsLtsVersionsAndEsm() {
        String csv = """
                version,codename,series,created,release,eol,eol-server,eol-esm,eol-legacy
                14.04 LTS,Trusty Tahr,trusty,2013-10-17,2014-04-17,2019-04-25,2019-04-25,2024-04-25,2026-04-25
                18.04 LTS,Bionic Beaver,bionic,2017-10-19,2018-04-26,2023-05-31,2023-05-31,2028-04-26
                23.10,Mantic Minotaur,mantic,2023-04-20,2023-10-12,2024-07-11
                """;
        List<CalendarRow> rows = DistroInfoCsv.parse("ubuntu", new StringReader(csv), "ubuntu.csv");
        assertThat(rows).extracting(CalendarRow::cycle).containsExactly("14.04", "18.04", "23.10");
        CalendarRow bionic = row(rows, "18.04");
        assertThat(bionic.lts()).isTrue();
        assertThat(bionic.codename()).isEqualTo("bionic");
        assertThat(bionic.extendedEnd()).isEqualTo(LocalDate.of(2028, 4, 26));
        assertThat(bionic.extendedName()).isEqualTo("ESM");
        assertThat(row(rows, "14.04").extendedName()).isEqualTo("ESM+Legacy");
        assertThat(row(rows, "23.10").lts()).isFalse();
        assertThat(row(rows, "23.10").extendedEnd()).isNull();
    }

    @Test
    void aMalformedCsvIsOneLineNamingTheFileAndTheLine() {
        assertThatThrownBy(() -> DistroInfoCsv.parse("debian", new StringReader(
                "version,codename,series,created,release,eol\n12,Bookworm,bookworm,2021-08-14,June 2023,\n"), "x.csv"))
                .isInstanceOf(UserException.class)
                .hasMessage("x.csv: line 1: release 'June 2023' is not a date (YYYY-MM-DD)");
        assertThatThrownBy(() -> DistroInfoCsv.parse("debian", new StringReader("a,b\n1,2\n"), "y.csv"))
                .isInstanceOf(UserException.class).hasMessageStartingWith("y.csv: not a distro-info-data CSV");
    }

    @Test
    void theHostsCsvIsPreferredWhenPresent() {
        Path host = CalendarLoader.HOST_DISTRO_INFO;
        assumeTrue(Files.isRegularFile(host.resolve("debian.csv")), "skipped: this host has no distro-info-data");
        assertThat(CalendarLoader.forHost().distroInfo()).anyMatch(r -> r.location().equals(host.resolve("debian.csv").toString()));
    }

    @Test
    void endoflifeFrontMatterWithTheProductsEoesMeaning() {
        List<CalendarRow> rows = CalendarLoader.shippedEndoflife();
        List<CalendarRow> debian = rows.stream().filter(r -> r.distro().equals("debian")).toList();
        CalendarRow d10 = row(debian, "10");
        assertThat(d10.source()).isEqualTo(CalendarRow.ENDOFLIFE);
        assertThat(d10.codename()).isEqualTo("Buster");
        assertThat(d10.supportEnd()).isEqualTo(LocalDate.of(2022, 9, 10));
        // Debian's eoes is Debian LTS: free, counted as supported
        assertThat(d10.ltsEnd()).isEqualTo(LocalDate.of(2024, 6, 30));
        assertThat(d10.extendedEnd()).isNull();
        // Ubuntu's is ESM (extended), RHEL's ELS, stored under the distro ids the releases use
        CalendarRow noble = row(rows.stream().filter(r -> r.distro().equals("ubuntu")).toList(), "24.04");
        assertThat(noble.lts()).isTrue();
        assertThat(noble.extendedName()).isEqualTo("ESM");
        assertThat(noble.extendedEnd()).isEqualTo(LocalDate.of(2036, 5, 31));
        assertThat(rows).anyMatch(r -> r.distro().equals("rhubi") && r.cycle().equals("9") && "ELS".equals(r.extendedName()));
        assertThat(rows).anyMatch(r -> r.distro().equals("photon") && r.cycle().equals("3.0"));
        // eol: false is "no end announced"
        assertThat(row(rows.stream().filter(r -> r.distro().equals("slackware")).toList(), "15.0").supportEnd()).isNull();
    }

    @Test
    void theSharedProductFilesParseWholeLikeTheShippedCopies(@TempDir Path tmp) throws Exception {
        Path dir = SharedData.shared().resolve("reference/endoflife");
        assumeTrue(Files.isDirectory(dir.resolve("products")), "skipped: " + dir + " is absent");
        List<CalendarRow> whole = CalendarLoader.endoflifeDirectory(dir, CalendarProducts.builtIn());
        List<CalendarRow> copies = CalendarLoader.shippedEndoflife();
        assertThat(whole).hasSameSizeAs(copies);
        assertThat(whole.stream().map(r -> r.distro() + " " + r.cycle() + " " + r.supportEnd() + " " + r.ltsEnd() + " "
                + r.extendedEnd()).toList()).containsExactlyInAnyOrderElementsOf(copies.stream().map(r -> r.distro() + " "
                + r.cycle() + " " + r.supportEnd() + " " + r.ltsEnd() + " " + r.extendedEnd()).toList());
    }

    @Test
    void malformedProductFilesAreOneLineNamingTheFile(@TempDir Path tmp) throws Exception {
        CalendarProducts.Product debian = CalendarProducts.builtIn().product("debian");
        assertThatThrownBy(() -> EndoflifeProduct.parse(debian, "no front matter", "a.md"))
                .isInstanceOf(UserException.class).hasMessage("a.md: no YAML front matter (the file must start with a '---' line)");
        assertThatThrownBy(() -> EndoflifeProduct.parse(debian, "---\nreleases:\n  - releaseCycle: \"12\"\n    eol: soon\n---\n",
                "b.md")).isInstanceOf(UserException.class)
                .hasMessage("b.md: release 12: eol 'soon' is neither a date (YYYY-MM-DD) nor true/false");
        assertThatThrownBy(() -> EndoflifeProduct.parse(debian, "---\ntitle: x\n---\n", "c.md"))
                .isInstanceOf(UserException.class).hasMessage("c.md: no 'releases' list in the front matter");
        assertThatThrownBy(() -> CalendarLoader.endoflifeDirectory(tmp, CalendarProducts.builtIn()))
                .isInstanceOf(UserException.class).hasMessageStartingWith("no endoflife.date product files in ");
    }
}

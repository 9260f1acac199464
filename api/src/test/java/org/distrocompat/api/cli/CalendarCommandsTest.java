package org.distrocompat.api.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.distrocompat.api.json.Json;
import org.distrocompat.core.policy.SharedData;
import org.distrocompat.db.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The calendar through the CLI, on a real PostgreSQL holding the shipped baseline (import baseline): releases
 * --supported/--as-of/--include-extended/--unmatched-calendar, coverage, check and pairings --supported, policy
 * --supported-at, explain's held-back releases, --diff official with a cause per difference, import endoflife.
 */
class CalendarCommandsTest {
    private static String url;

    @BeforeAll
    static void baseline() {
        url = TestDatabase.freshUrl();
        CliRunner r = CliRunner.run("import", "baseline", "--db", url);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("510 records, 510 written, 0 unchanged");
    }

    private static List<String> releases(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("releases", "--db", url, "--json"));
        all.addAll(List.of(args));
        CliRunner r = CliRunner.run(all.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> out = new ArrayList<>();
        for (JsonNode n : Json.MAPPER.readTree(r.out())) {
            out.add(n.get("distro").asText() + " " + n.get("release").asText() + " " + n.get("support").get("status").asText()
                    + (n.get("support").get("label").isNull() ? "" : " " + n.get("support").get("label").asText()));
        }
        return out.stream().distinct().toList();
    }

    @Test
    void supportedAsOfNewYear2025() throws Exception {
        List<String> supported = releases("--supported", "--as-of", "2025-01-01", "--arch", "x86_64");
        assertThat(supported).contains("debian 12 supported", "debian 11 supported LTS")
                .noneMatch(s -> s.startsWith("debian 10 ") || s.startsWith("debian 8 ") || s.startsWith("centos 7 "));
        List<String> extended = releases("--supported", "--as-of", "2025-01-01", "--include-extended", "--arch", "x86_64");
        assertThat(extended).contains("debian 12 supported", "debian 11 supported LTS", "debian 10 extended ELTS")
                .noneMatch(s -> s.startsWith("centos 7 "));
        CliRunner table = CliRunner.run("releases", "--db", url, "--supported", "--as-of", "2025-01-01", "--distro", "debian",
                "--arch", "amd64");
        assertThat(table.out()).contains("SUPPORT 2025-01-01", "supported (LTS until 2026-08-31)",
                "release x arch cells supported on 2025-01-01").doesNotContain("ELTS");
        CliRunner bad = CliRunner.run("releases", "--db", url, "--supported", "--as-of", "next week");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).startsWith("distrocompat: releases: Invalid value for option '--as-of'");
    }

    @Test
    void releasesCarryTheirFamilysNameAndTheCalendarsDates() throws Exception {
        CliRunner r = CliRunner.run("releases", "--db", url, "--json", "--distro", "debian", "--arch", "x86_64");
        JsonNode bookworm = null;
        for (JsonNode n : Json.MAPPER.readTree(r.out())) {
            if (n.get("release").asText().equals("12")) {
                bookworm = n;
            }
        }
        assertThat(bookworm).as(r.out()).isNotNull();
        assertThat(bookworm.get("distro_name").asText()).isEqualTo("Debian");
        // the baseline stores no dates: they come from the release calendar (end of life: its last support, LTS or later)
        assertThat(bookworm.get("release_date").asText()).isEqualTo("2023-06-10");
        assertThat(bookworm.get("eol_date").asText()).isGreaterThanOrEqualTo("2028-06-30");
    }

    @Test
    void unmatchedCalendarListsTheReleasesNoCalendarKnows() {
        CliRunner r = CliRunner.run("releases", "--db", url, "--unmatched-calendar");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("manylinux", "2_28", "alt", "p10", "stored releases without a calendar entry")
                .doesNotContainPattern("(?m)^debian +12 ");
    }

    @Test
    void coverageAsTableJsonAndCsv() throws Exception {
        CliRunner table = CliRunner.run("coverage", "--db", url, "--arch", "x86_64", "--as-of", "2026-01-01");
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).startsWith("x86_64 releases supported on 2026-01-01: ")
                .contains("POLICY", "REACHES", "SHARE", "MISSES", "manylinux_2_17", "manylinux_2_28");
        JsonNode j = Json.MAPPER.readTree(CliRunner.run("coverage", "--db", url, "--arch", "amd64", "--as-of", "2026-01-01",
                "--json").out());
        int total = j.get("releases").size();
        assertThat(total).isGreaterThan(20);
        JsonNode p217 = null;
        JsonNode p239 = null;
        for (JsonNode p : j.get("policies")) {
            assertThat(p.get("total").asInt()).isEqualTo(total);
            assertThat(p.get("reached").asInt() + p.get("misses").size()).isEqualTo(total);
            if (p.get("policy").asText().equals("manylinux_2_17")) {
                p217 = p;
            }
            if (p.get("policy").asText().equals("manylinux_2_39")) {
                p239 = p;
            }
        }
        assertThat(p217.get("reached").asInt()).isEqualTo(total);
        assertThat(p239.get("reached").asInt()).isLessThan(total);
        assertThat(p239.get("misses").findValuesAsText("reason")).anyMatch(r -> r.startsWith("glibc 2.3"));
        // a release stored under its codename and its number counts once
        assertThat(j.get("releases").findValuesAsText("release")).contains("11").doesNotContain("bullseye");
        CliRunner csv = CliRunner.run("coverage", "--db", url, "--as-of", "2026-01-01", "--csv");
        assertThat(csv.out()).startsWith("policy,arch,as_of,reached,total,share,misses\nmanylinux_2_5,x86_64,2026-01-01,");
    }

    @Test
    void checkAndPairingsCountTheSupportedReleases() throws Exception {
        Path elf = Path.of("/bin/true");
        assumeTrue(Files.isRegularFile(elf) && System.getProperty("os.arch").equals("amd64"), "needs an x86_64 /bin/true");
        CliRunner text = CliRunner.run("check", "--db", url, elf.toString(), "--as-of", "2025-01-01");
        assertThat(text.out()).containsPattern("supported: +runs on \\d+ of \\d+ releases supported on 2025-01-01");
        JsonNode all = Json.MAPPER.readTree(CliRunner.run("check", "--db", url, elf.toString(), "--json",
                "--as-of", "2025-01-01").out()).get(0);
        JsonNode onlySupported = Json.MAPPER.readTree(CliRunner.run("check", "--db", url, elf.toString(), "--json",
                "--supported", "--as-of", "2025-01-01").out()).get(0);
        int supportedTotal = all.get("supported_releases").get("releases").asInt();
        assertThat(onlySupported.get("releases").size()).isEqualTo(supportedTotal).isLessThan(all.get("releases").size());
        assertThat(onlySupported.get("supported_releases").get("runs_on").asInt())
                .isEqualTo(all.get("supported_releases").get("runs_on").asInt());

        CliRunner pairings = CliRunner.run("pairings", "--db", url, "--csv", "--supported", "--as-of", "2025-01-01");
        assertThat(pairings.out()).contains("\ndebian,12,").doesNotContain("\ncentos,7,").doesNotContain("\ndebian,8,");
    }

    @Test
    void policyScopedToADateAndHeldBackBounds() throws Exception {
        CliRunner scoped = CliRunner.run("policy", "--db", url, "--supported-at", "2026-01-01");
        assertThat(scoped.exitCode()).as(scoped.err()).isZero();
        JsonNode policies = Json.MAPPER.readTree(scoped.out());
        // no release supported in 2026 has a glibc older than 2.17 (CentOS 7 and Ubuntu 14.04 are out of support)
        assertThat(policies.get(1).get("name").asText()).isNotIn("manylinux_2_5", "manylinux_2_12");
        CliRunner explain = CliRunner.run("policy", "--db", url, "--explain", "--arch", "x86_64");
        assertThat(explain.out()).contains("manylinux_2_17 x86_64: GLIBCXX ≤ 3.4.17 because ubuntu-13.04 defines no 3.4.18; "
                + "held back by ubuntu-13.04 (eol): without it GLIBCXX ≤ 3.4.19");
    }

    /** The number of differences from auditwheel's official file, each explained; the README lists their kinds. */
    static final int OFFICIAL_DIFFERENCES = 103;

    @Test
    void diffOfficialExplainsEveryDifferenceInOneLine() throws Exception {
        CliRunner diff = CliRunner.run("policy", "--db", url, "--diff", "official");
        assertThat(diff.exitCode()).isEqualTo(1);
        List<String> lines = diff.out().lines().filter(l -> l.startsWith("~ ") || l.startsWith("+ ") || l.startsWith("- "))
                .toList();
        assertThat(lines).hasSize(OFFICIAL_DIFFERENCES).allMatch(l -> l.contains(" — ") && !l.endsWith(" — "));
        assertThat(diff.out()).contains(OFFICIAL_DIFFERENCES + " difference(s), each with its cause",
                "~ manylinux_2_27 i686 GLIBCXX: +3.4.25 — every i686 release in scope defines it",
                "official copies the x86_64 bound to i686 (per-arch truth kept)",
                "~ manylinux_2_34 riscv64 GLIBCXX: +3.4.30 — ",
                "no riscv64 release at glibc 2.34 (build images aside): taken from its next releases (gap rule next)",
                "- manylinux_2_17 arch ppc64 — no mainstream ppc64 release in the data");
        // the i686 GLIBC_2.35 of manylinux_2_34 is gone: only a build image at glibc 2.34 defined it
        assertThat(diff.out()).doesNotContain("manylinux_2_34 i686 GLIBC");
        // the x86_64 gap rule gives the official file's bounds where an arch has no release at glibc 2.Y
        CliRunner x86 = CliRunner.run("policy", "--db", url, "--diff", "official", "--gap", "x86_64");
        assertThat(x86.exitCode()).as(x86.err()).isEqualTo(ExitCodes.FAILED); // differences remain
        assertThat(x86.out()).as(x86.err()).contains("difference(s), each with its cause").doesNotContain("~ manylinux_2_34 riscv64 GLIBCXX", "~ manylinux_2_35 i686 ZLIB");
        JsonNode j = Json.MAPPER.readTree(CliRunner.run("policy", "--db", url, "--diff", "official", "--json").out());
        assertThat(j.get("diff")).hasSize(OFFICIAL_DIFFERENCES);
        assertThat(j.get("diff").findValuesAsText("cause")).noneMatch(String::isBlank);
    }

    @Test
    void importEndoflifeRecordsChangedDatesAndBadInputIsOneLine(@TempDir Path tmp) throws Exception {
        Path products = SharedData.shared().resolve("reference/endoflife/products");
        assumeTrue(Files.isDirectory(products), "skipped: " + products + " is absent");
        String db = TestDatabase.freshUrl();
        assertThat(CliRunner.run("import", "baseline", "--db", db).exitCode()).isZero();
        Path dir = tmp.resolve("products");
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(products)) {
            for (Path f : files.toList()) {
                String text = Files.readString(f);
                if (f.getFileName().toString().equals("centos.md")) {
                    text = text.replace("eol: 2024-06-30", "eol: 2025-06-30"); // CentOS 7, extended by a newer file
                }
                Files.writeString(dir.resolve(f.getFileName()), text);
            }
        }
        CliRunner r = CliRunner.run("import", "endoflife", tmp.toString(), "--db", db);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("1 changed (old dates kept in the calendar history)");
        CliRunner centos = CliRunner.run("releases", "--db", db, "--supported", "--as-of", "2025-01-01", "--distro", "centos");
        assertThat(centos.out()).contains("centos  7 ").contains("supported (until 2025-06-30)");

        Files.writeString(dir.resolve("centos.md"), "---\nreleases:\n  - releaseCycle: \"7\"\n    eol: someday\n---\n");
        CliRunner bad = CliRunner.run("import", "endoflife", dir.toString(), "--db", db);
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("distrocompat: import endoflife: " + dir.resolve("centos.md")
                + ": release 7: eol 'someday' is neither a date (YYYY-MM-DD) nor true/false");
    }
}

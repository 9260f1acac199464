package org.distrocompat.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.distrocompat.api.json.Json;
import org.distrocompat.db.Database;
import org.distrocompat.db.DatabaseUrl;
import org.distrocompat.db.Migrations;
import org.distrocompat.db.TestDatabase;
import org.distrocompat.db.model.Arch;
import org.distrocompat.db.model.Libc;
import org.distrocompat.db.model.ReleaseStatus;
import org.distrocompat.db.repo.ImportedCellFacts;
import org.distrocompat.db.repo.ImportedCells;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCommandTest {

    /** Stores an imported cell: versions as full names; covered = the prefixes given. */
    private static void cell(Database db, String distro, String release, String glibc, List<String> covered,
            List<String> names) {
        cell(db, distro, release, Arch.X86_64, glibc, covered, names);
    }

    private static void cell(Database db, String distro, String release, Arch arch, String glibc, List<String> covered,
            List<String> names) {
        ImportedCells cells = new ImportedCells(db);
        int source = cells.source(Map.of(distro, distro), "pep600_compliance", "/data");
        cells.write(new ImportedCellFacts(distro, release, ReleaseStatus.SUPPORTED, Libc.GLIBC, glibc, arch,
                "0".repeat(64), null, new TreeSet<>(covered), names, Map.of()), source, "pep600_compliance", null);
    }

    @Test
    void theX86GapRuleNeverMakesAPolicyAllowLessThanTheOneBelow(@TempDir Path dir) throws Exception {
        String url = TestDatabase.freshUrl();
        try (Database db = Database.external(DatabaseUrl.parse(url))) {
            Migrations.migrate(db.dataSource());
            // aarch64 has no release at glibc 2.24, and the x86_64 gap rule caps its manylinux_2_24 at x86_64's
            // GLIBCXX bound (3.4.19), below what its own manylinux_2_17 allows (3.4.20): a file auditwheel refuses
            List<String> prefixes = List.of("GLIBC", "GLIBCXX");
            cell(db, "xold", "7", Arch.X86_64, "2.17", prefixes, List.of("GLIBC_2.17", "GLIBCXX_3.4.19"));
            cell(db, "xmid", "9", Arch.X86_64, "2.24", prefixes, List.of("GLIBC_2.17", "GLIBC_2.24", "GLIBCXX_3.4.19"));
            cell(db, "aold", "7", Arch.AARCH64, "2.17", prefixes, List.of("GLIBC_2.17", "GLIBCXX_3.4.19", "GLIBCXX_3.4.20"));
            cell(db, "anew", "8", Arch.AARCH64, "2.28", prefixes,
                    List.of("GLIBC_2.17", "GLIBC_2.28", "GLIBCXX_3.4.19", "GLIBCXX_3.4.20", "GLIBCXX_3.4.25"));
        }
        Path out = dir.resolve("policy.json");
        CliRunner r = CliRunner.run("policy", "--db", url, "--gap", "x86_64", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode policy = Json.MAPPER.readTree(out.toFile());
        JsonNode p224 = policy.findParents("name").stream().filter(n -> n.get("name").asText().equals("manylinux_2_24"))
                .findFirst().orElseThrow();
        assertThat(Json.MAPPER.convertValue(p224.get("symbol_versions").get("aarch64").get("GLIBCXX"), String[].class))
                .containsExactly("3.4.19", "3.4.20");
        CliRunner explain = CliRunner.run("policy", "--db", url, "--gap", "x86_64", "--explain");
        assertThat(explain.out()).contains("manylinux_2_24 aarch64: GLIBCXX ≤ 3.4.20",
                "manylinux_2_17's versions kept (a policy never allows less than the one below)");
    }

    @Test
    void aDiffBaseThatIsNoValidPolicyFileIsBadInputInOneLine(@TempDir Path dir) throws Exception {
        Path old = dir.resolve("old.json");
        Files.writeString(old, """
                [{"name": "linux", "aliases": [], "priority": 0, "symbol_versions": {}, "lib_whitelist": [], "blacklist": {}},
                 {"name": "manylinux_2_17", "aliases": [], "priority": 80, "symbol_versions": {"amd64": {}},
                  "lib_whitelist": [], "blacklist": {}}]
                """);
        CliRunner r = CliRunner.run("policy", "--db", TestDatabase.freshUrl(), "--diff", old.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).isEqualTo("distrocompat: policy: " + old + ": manylinux_2_17: architecture \"amd64\" is "
                + "not a wheel's name for it; use \"x86_64\"" + System.lineSeparator());
    }

    @Test
    void emptyDatabaseSaysWhatToDo() {
        CliRunner r = CliRunner.run("policy", "--db", TestDatabase.freshUrl());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("no mainstream glibc release stored; run 'distrocompat import pep600 DIR'");
    }

    @Test
    void everyIsADuration() {
        assertThat(RefreshCommand.parseDuration("24h")).hasHours(24);
        assertThat(RefreshCommand.parseDuration("PT30M")).hasMinutes(30);
        assertThat(RefreshCommand.parseDuration("1d")).hasDays(1);
        CliRunner bad = CliRunner.run("refresh", "--every", "soon", "--out-dir", "/nonexistent");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err().strip()).isEqualTo("distrocompat: refresh: cannot read duration 'soon' (use e.g. 24h, 30m, 1d, 90s or PT24H)");
    }
}

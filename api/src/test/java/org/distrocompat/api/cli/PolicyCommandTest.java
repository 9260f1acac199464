package org.distrocompat.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
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
        ImportedCells cells = new ImportedCells(db);
        int source = cells.source(Map.of(distro, distro), "pep600_compliance", "/data");
        cells.write(new ImportedCellFacts(distro, release, ReleaseStatus.SUPPORTED, Libc.GLIBC, glibc, Arch.X86_64,
                "0".repeat(64), null, new TreeSet<>(covered), names, Map.of()), source, "pep600_compliance", null);
    }

    @Test
    void anInvariantViolationNamesTheReleasesAndWritesNothing(@TempDir Path dir) {
        String url = TestDatabase.freshUrl();
        try (Database db = Database.external(DatabaseUrl.parse(url))) {
            Migrations.migrate(db.dataSource());
            // the old release records libatomic, the new one does not say: manylinux_2_28 cannot keep LIBATOMIC_1.0
            cell(db, "oldos", "7", "2.17", List.of("GLIBC", "LIBATOMIC"), List.of("GLIBC_2.17", "LIBATOMIC_1.0"));
            cell(db, "newos", "8", "2.28", List.of("GLIBC"), List.of("GLIBC_2.17", "GLIBC_2.28"));
        }
        Path out = dir.resolve("policy.json");
        CliRunner r = CliRunner.run("policy", "--db", url, "--out", out.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err()).contains("distrocompat: policy: invariant violated: manylinux_2_28 x86_64 LIBATOMIC lacks 1.0, "
                + "which manylinux_2_17 allows: lacking in newos-8 (records no LIBATOMIC) (in scope of manylinux_2_28)");
        assertThat(r.err().strip()).endsWith("distrocompat: policy: 1 invariant violation(s); nothing written");
        assertThat(Files.exists(out)).isFalse();
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

package org.distrocompat.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.distrocompat.api.json.Json;
import org.distrocompat.db.Database;
import org.distrocompat.db.DatabaseUrl;
import org.distrocompat.db.TestDatabase;
import org.distrocompat.db.repo.ReleaseRepository;
import org.junit.jupiter.api.Test;

class ReleasesCommandTest {

    @Test
    void emptyDatabasePrintsAnEmptyJsonArray() {
        CliRunner r = CliRunner.run("releases", "--json", "--db", TestDatabase.freshUrl());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().trim()).isEqualTo("[]");
    }

    @Test
    void storedCellsAreListedWithVersionsAndMaxima() throws Exception {
        String url = TestDatabase.freshUrl();
        try (Database db = Database.external(DatabaseUrl.parse(url))) {
            org.distrocompat.db.Migrations.migrate(db.dataSource());
            db.jdbi().useTransaction(h -> {
                ReleaseRepository repo = h.attach(ReleaseRepository.class);
                int d = repo.upsertDistro("debian", "Debian");
                int r = repo.upsertRelease(d, "12", "bookworm", "supported", "glibc", "2.36", null, null, null);
                int ra = repo.upsertReleaseArch(r, "x86_64");
                int src = repo.upsertSource("crawled", "debian", "http://mirror.invalid/debian");
                long pkg = h.createQuery("""
                        INSERT INTO package (release_arch_id, source_id, name, version, sha256)
                        VALUES (:ra, :src, 'libstdc++6', '12.2.0-14', repeat('b', 64)) RETURNING id""")
                        .bind("ra", ra).bind("src", src).mapTo(Long.class).one();
                long lib = h.createQuery("""
                        INSERT INTO library (sha256, soname, size, machine, arch)
                        VALUES (repeat('c', 64), 'libstdc++.so.6', 1, 62, 'x86_64') RETURNING id""")
                        .mapTo(Long.class).one();
                h.execute("INSERT INTO package_library VALUES (?, ?, '/usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30', 'libstdc++.so.6')", pkg, lib);
                String[] names = {"libstdc++.so.6", "GLIBCXX_3.4", "GLIBCXX_3.4.9", "GLIBCXX_3.4.10", "GLIBCXX_3.4.30",
                        "CXXABI_1.3", "CXXABI_TM_1", "GLIBCXX_LDBL_3.4.21"};
                for (int i = 0; i < names.length; i++) {
                    h.execute("INSERT INTO version_definition (library_id, idx, name, flags, is_base) VALUES (?, ?, ?, ?, ?)",
                            lib, i + 1, names[i], i == 0 ? 1 : 0, i == 0);
                }
            });
        }
        CliRunner r = CliRunner.run("releases", "--json", "--db", url);
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode cells = Json.MAPPER.readTree(r.out());
        assertThat(cells).hasSize(1);
        JsonNode c = cells.get(0);
        assertThat(c.get("distro").asText()).isEqualTo("debian");
        assertThat(c.get("release").asText()).isEqualTo("12");
        assertThat(c.get("codename").asText()).isEqualTo("bookworm");
        assertThat(c.get("arch").asText()).isEqualTo("x86_64");
        assertThat(c.get("glibc").asText()).isEqualTo("2.36");
        assertThat(Json.MAPPER.convertValue(c.get("versions").get("GLIBCXX"), String[].class))
                .containsExactly("3.4", "3.4.9", "3.4.10", "3.4.30", "LDBL_3.4.21");
        assertThat(c.get("max").get("GLIBCXX").asText()).isEqualTo("3.4.30");
        assertThat(c.get("max").get("CXXABI").asText()).isEqualTo("1.3");
        assertThat(Json.MAPPER.convertValue(c.get("versions").get("CXXABI"), String[].class))
                .containsExactly("1.3", "TM_1");

        CliRunner table = CliRunner.run("releases", "--db", url);
        assertThat(table.out()).contains("debian", "bookworm", "3.4.30");
    }

    @Test
    void unreachableDatabaseIsOneLineAndExitTwo() {
        CliRunner r = CliRunner.run("releases", "--db", "postgresql://nobody:pw@127.0.0.1:1/nothing");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().trim()).startsWith("distrocompat: releases: cannot connect to").doesNotContain("\n")
                .doesNotContain("pw@");
    }

    @Test
    void helpListsCommands() {
        CliRunner r = CliRunner.run("--help");
        assertThat(r.exitCode()).isZero();
        String commands = r.out().substring(r.out().indexOf("Commands:"));
        // one line per command: no wrapped continuation lines in the list
        assertThat(commands.lines().skip(1).filter(l -> !l.isBlank()))
                .allSatisfy(l -> assertThat(l).matches("  [a-z]+ +\\S.*"))
                .extracting(l -> l.trim().split(" +")[0])
                .containsExactly("crawl", "import", "releases", "check", "tags", "pairings", "coverage", "history",
                        "policy", "refresh", "serve", "elf",
                        "help");
    }
}

package org.distrocompat.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.distrocompat.api.json.Json;
import org.distrocompat.db.Database;
import org.distrocompat.db.DatabaseUrl;
import org.distrocompat.db.Migrations;
import org.distrocompat.db.TestDatabase;
import org.distrocompat.db.repo.ReleaseRepository;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** "When did Debian 12 gain GLIBCXX_3.4.31?" answered from package observations with history. */
class HistoryCommandTest {
    private static String url;

    @BeforeAll
    static void twoObservationsOfLibstdcxx() {
        url = TestDatabase.freshUrl();
        try (Database db = Database.external(DatabaseUrl.parse(url))) {
            Migrations.migrate(db.dataSource());
            db.jdbi().useTransaction(h -> {
                ReleaseRepository repo = h.attach(ReleaseRepository.class);
                int r = repo.upsertRelease(repo.upsertDistro("debian", "Debian"), "12", "bookworm", "supported",
                        "glibc", "2.36", null, null, null);
                int ra = repo.upsertReleaseArch(r, "x86_64");
                // replaced in November: 12.2.0 (up to 3.4.30), then 13.1.0 adds 3.4.31 and drops nothing
                observe(h, ra, "12.2.0-14", 'a', "2026-10-01", "2026-11-10", false,
                        List.of("GLIBCXX_3.4.29", "GLIBCXX_3.4.30", "CXXABI_1.3.13"));
                observe(h, ra, "13.1.0-1", 'b', "2026-11-10", "2026-11-20", true,
                        List.of("GLIBCXX_3.4.29", "GLIBCXX_3.4.30", "GLIBCXX_3.4.31", "CXXABI_1.3.13", "CXXABI_1.3.14"));
            });
        }
    }

    private static void observe(Handle h, int ra, String version, char sha, String first, String last, boolean current,
            List<String> names) {
        long pkg = h.createQuery("""
                INSERT INTO package (release_arch_id, name, version, sha256, first_seen, last_seen, current)
                VALUES (:ra, 'libstdc++6', :v, repeat(:sha, 64), CAST(:first AS timestamptz), CAST(:last AS timestamptz), :cur)
                RETURNING id""")
                .bind("ra", ra).bind("v", version).bind("sha", String.valueOf(sha)).bind("first", first)
                .bind("last", last).bind("cur", current).mapTo(Long.class).one();
        long lib = h.createQuery("""
                INSERT INTO library (sha256, soname, size, machine, arch)
                VALUES (repeat(:sha, 64), 'libstdc++.so.6', 1, 62, 'x86_64') RETURNING id""")
                .bind("sha", String.valueOf((char) (sha + 2))).mapTo(Long.class).one();
        h.execute("INSERT INTO package_library VALUES (?, ?, '/usr/lib/x86_64-linux-gnu/libstdc++.so.6', 'libstdc++.so.6')",
                pkg, lib);
        h.execute("INSERT INTO version_definition (library_id, idx, name, flags, is_base) VALUES (?, 1, 'libstdc++.so.6', 1, true)", lib);
        for (int i = 0; i < names.size(); i++) {
            h.execute("INSERT INTO version_definition (library_id, idx, name, flags, is_base) VALUES (?, ?, ?, 0, false)",
                    lib, i + 2, names.get(i));
        }
    }

    @Test
    void saysWhenAVersionFirstAppeared() {
        CliRunner r = CliRunner.run("history", "debian", "bookworm", "--version", "GLIBCXX_3.4.31", "--db", url);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("debian 12 (bookworm) x86_64: GLIBCXX_3.4.31 since 2026-11-10", "libstdc++6 13.1.0-1")
                .doesNotContain("first crawl");

        CliRunner old = CliRunner.run("history", "debian", "12", "--version", "GLIBCXX_3.4.30", "--db", url);
        assertThat(old.out()).contains("since 2026-10-01", "12.2.0-14", "already there at the first crawl");

        CliRunner never = CliRunner.run("history", "debian", "12", "--version", "GLIBCXX_3.4.32", "--db", url);
        assertThat(never.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(never.out()).contains("no observed package defines GLIBCXX_3.4.32");
    }

    @Test
    void listsEachObservationWithWhatItAdded() throws Exception {
        CliRunner r = CliRunner.run("history", "debian", "12", "--arch", "amd64", "--db", url);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("12.2.0-14", "3 defined (first observation)", "+CXXABI_1.3.14 +GLIBCXX_3.4.31", "current");

        JsonNode json = Json.MAPPER.readTree(CliRunner.run("history", "debian", "12", "--json", "--db", url).out());
        JsonNode obs = json.get(0).get("observations");
        assertThat(obs).hasSize(2);
        assertThat(obs.get(0).get("current").asBoolean()).isFalse();
        assertThat(Json.MAPPER.convertValue(obs.get(1).get("gained"), String[].class))
                .containsExactly("CXXABI_1.3.14", "GLIBCXX_3.4.31");
    }

    @Test
    void unknownReleaseIsOneLineExitTwo() {
        CliRunner r = CliRunner.run("history", "debian", "99", "--db", url);
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().strip()).startsWith("distrocompat: history: no crawled packages for debian 99")
                .doesNotContain("\n");
    }
}

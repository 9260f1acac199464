package org.distrocompat.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.distrocompat.api.json.Json;
import org.distrocompat.crawler.testing.FixtureServer;
import org.distrocompat.crawler.testing.Fixtures;
import org.distrocompat.crawler.testing.RpmFixtures;
import org.distrocompat.db.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrawlCommandTest {
    @TempDir
    Path tmp;

    private String[] args(FixtureServer server, String db, String... more) throws Exception {
        Path config = tmp.resolve("sources.json");
        Files.writeString(config, "{\"sources\": []}");
        String[] base = {"crawl", "--db", db, "--mirror", server.url(), "--keyring", Fixtures.keyring().toString(),
                "--config", config.toString(), "--cache", tmp.resolve("cache").toString(), "--apt-dir", tmp.toString()};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void crawlsTheFixtureArchiveAndTheReleasesCommandShowsIt() throws Exception {
        try (FixtureServer server = FixtureServer.serve(Fixtures.debianMini())) {
            String db = TestDatabase.freshUrl();
            CliRunner r = CliRunner.run(args(server, db, "--suite", "bookworm", "--arch", "amd64", "--json"));
            assertThat(r.exitCode()).as(r.err()).isZero();
            JsonNode summary = Json.MAPPER.readTree(r.out());
            assertThat(summary.get("status").asText()).isEqualTo("succeeded");
            assertThat(summary.get("updated").asInt()).isEqualTo(1);
            assertThat(summary.get("cells").get(0).get("arch").asText()).isEqualTo("x86_64");
            assertThat(summary.get("bytes").asLong()).isPositive();

            CliRunner again = CliRunner.run(args(server, db, "--suite", "bookworm", "--arch", "amd64"));
            assertThat(again.exitCode()).as(again.err()).isZero();
            assertThat(again.out()).contains("unchanged", "1 requests");

            CliRunner releases = CliRunner.run("releases", "--json", "--db", db);
            JsonNode cell = Json.MAPPER.readTree(releases.out()).get(0);
            assertThat(cell.get("release").asText()).isEqualTo("12");
            assertThat(cell.get("codename").asText()).isEqualTo("bookworm");
            assertThat(cell.get("glibc").asText()).isEqualTo("2.36");
            assertThat(cell.get("max").get("GLIBC").asText()).isEqualTo("2.36");
            assertThat(cell.get("max").get("GLIBCXX").asText()).isEqualTo("3.4.30");
            assertThat(cell.get("max").get("GCC").asText()).isEqualTo("12.0.0");
        }
    }

    @Test
    void aMissingPackageFailsTheCellWithExitOneAndASummary() throws Exception {
        try (FixtureServer server = FixtureServer.serve(Fixtures.debianMini())) {
            server.fail("pool/main/g/gcc-14/libstdc++6_14.2.0-19_arm64.deb", 404);
            CliRunner r = CliRunner.run(args(server, TestDatabase.freshUrl(), "--suite", "trixie", "--arch", "arm64"));
            assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILED);
            assertThat(r.out()).contains("failed", "HTTP 404", "libstdc++6_14.2.0-19_arm64.deb");
            assertThat(r.err()).contains("1 cell(s) failed");
        }
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws Exception {
        Path config = tmp.resolve("sources.json");
        Files.writeString(config, "{\"sources\": []}");
        // no mirror configured, none in the (empty) apt sources
        CliRunner noMirror = CliRunner.run("crawl", "--db", "postgresql://nobody@127.0.0.1:1/x", "--config",
                config.toString(), "--apt-dir", tmp.toString());
        assertThat(noMirror.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noMirror.err().trim()).startsWith("distrocompat: crawl: no mirror for debian").doesNotContain("\n")
                .contains("--mirror");

        CliRunner badArch = CliRunner.run("crawl", "--mirror", "http://127.0.0.1:9/debian", "--arch", "vax",
                "--config", config.toString());
        assertThat(badArch.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(badArch.err()).contains("unknown architecture 'vax'");

        CliRunner noKeyring = CliRunner.run("crawl", "--db", "postgresql://nobody@127.0.0.1:1/x", "--mirror",
                "http://127.0.0.1:9/debian", "--keyring", tmp.resolve("absent.gpg").toString(), "--config", config.toString());
        assertThat(noKeyring.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noKeyring.err().trim()).contains("no keyring for debian").doesNotContain("\n");

        CliRunner unknownSource = CliRunner.run("crawl", "--source", "gentoo", "--config", config.toString());
        assertThat(unknownSource.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknownSource.err()).contains("unknown source 'gentoo'");
    }

    @Test
    void crawlsTheRpmMdFixtureThroughTheFedoraCatalogEntryAndHistoryShowsThePocket() throws Exception {
        try (FixtureServer server = FixtureServer.serve(RpmFixtures.root(), "fedora")) {
            String db = TestDatabase.freshUrl();
            Path config = tmp.resolve("sources.json");
            Files.writeString(config, "{\"sources\": []}");
            CliRunner r = CliRunner.run("crawl", "--source", "fedora", "--mirror", server.url(), "--suite", "40",
                    "--arch", "x86_64,i686", "--keyring", RpmFixtures.keys().toString(), "--db", db, "--config",
                    config.toString(), "--cache", tmp.resolve("cache").toString(), "--json");
            assertThat(r.exitCode()).as(r.err()).isZero();
            JsonNode summary = Json.MAPPER.readTree(r.out());
            assertThat(summary.get("updated").asInt()).isEqualTo(2);

            CliRunner releases = CliRunner.run("releases", "--json", "--db", db, "--distro", "fedora");
            JsonNode cells = Json.MAPPER.readTree(releases.out());
            assertThat(cells).hasSize(2);
            for (JsonNode cell : cells) {
                assertThat(cell.get("release").asText()).isEqualTo("40");
                assertThat(cell.get("glibc").asText()).isEqualTo("2.36");
                assertThat(cell.get("provenance").asText()).isEqualTo("crawled");
                assertThat(cell.get("max").get("GLIBC").asText()).isEqualTo("2.36");
                assertThat(cell.get("max").get("GCC").asText()).isEqualTo("12.0.0");
            }
            assertThat(cells.findValues("max").stream().map(m -> m.path("GLIBCXX").asText()).toList())
                    .containsExactlyInAnyOrder("3.4.33", "");

            CliRunner history = CliRunner.run("history", "fedora", "40", "--arch", "x86_64", "--version",
                    "GLIBCXX_3.4.33", "--db", db);
            assertThat(history.exitCode()).as(history.err()).isZero();
            assertThat(history.out()).contains("GLIBCXX_3.4.33 since", "in libstdc++ 14.2.1-3.fc40 from updates");
        }
    }
}

package org.distrocompat.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.distrocompat.api.json.Json;
import org.distrocompat.core.refresh.RefreshJob;
import org.distrocompat.crawler.testing.FixtureServer;
import org.distrocompat.crawler.testing.Fixtures;
import org.distrocompat.db.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduled job end to end: crawl the configured sources (a local signed archive), derive, publish. */
class RefreshCommandTest {
    @TempDir
    Path tmp;

    @Test
    void crawlsEveryConfiguredSourceThenPublishesThePolicy() throws Exception {
        try (FixtureServer server = FixtureServer.serve(Fixtures.debianMini())) {
            Path sources = tmp.resolve("sources.json");
            Files.writeString(sources, """
                    {"sources": [{"name": "debian", "mirrors": [{"url": "%s"}], "suites": ["bookworm"],
                      "architectures": ["amd64"], "keyrings": ["%s"]}]}"""
                    .formatted(server.url(), Fixtures.keyring()));
            String db = TestDatabase.freshUrl();
            Path out = tmp.resolve("policy");
            String[] args = {"refresh", "--db", db, "--out-dir", out.toString(), "--sources", sources.toString(),
                    "--cache", tmp.resolve("cache").toString(), "--apt-dir", tmp.resolve("no-apt").toString()};

            CliRunner first = CliRunner.run(args);
            assertThat(first.exitCode()).as(first.err() + first.out()).isZero();
            // debian was crawled from the fixture; ubuntu has no mirror here and is skipped with a note
            assertThat(first.out()).contains("crawling every configured source", "debian 12 (bookworm) x86_64", "updated",
                    "crawl ubuntu: skipped");
            JsonNode policy = Json.MAPPER.readTree(out.resolve(RefreshJob.POLICY_FILE).toFile());
            assertThat(policy.get(0).get("name").asText()).isEqualTo("linux");
            JsonNode last = policy.get(policy.size() - 1);
            assertThat(last.get("name").asText()).isEqualTo("manylinux_2_36");
            assertThat(Json.MAPPER.convertValue(last.get("symbol_versions").get("x86_64").get("GLIBCXX"), String[].class))
                    .contains("3.4.30").doesNotContain("3.4.31");

            CliRunner second = CliRunner.run(args);
            assertThat(second.exitCode()).as(second.err()).isZero();
            assertThat(second.out()).contains("unchanged " + out.resolve(RefreshJob.POLICY_FILE));
        }
    }

    @Test
    void aFailedCellIsReportedButTheConsistentPolicyIsStillPublished() throws Exception {
        try (FixtureServer server = FixtureServer.serve(Fixtures.debianMini())) {
            server.fail("pool/main/g/gcc-14/libstdc++6_14.2.0-19_arm64.deb", 404);
            Path sources = tmp.resolve("sources.json");
            Files.writeString(sources, """
                    {"sources": [{"name": "debian", "mirrors": [{"url": "%s"}], "suites": ["bookworm", "trixie"],
                      "architectures": ["amd64", "arm64"], "keyrings": ["%s"]}]}"""
                    .formatted(server.url(), Fixtures.keyring()));
            Path out = tmp.resolve("policy");
            CliRunner r = CliRunner.run("refresh", "--db", TestDatabase.freshUrl(), "--out-dir", out.toString(),
                    "--sources", sources.toString(), "--cache", tmp.resolve("cache").toString(),
                    "--apt-dir", tmp.resolve("no-apt").toString());
            assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILED);
            assertThat(r.err()).contains("crawl cell(s) failed and kept their previous data");
            assertThat(r.out()).contains("debian 13 (trixie) aarch64", "failed");
            // bookworm x86_64 was stored, so the policy derived from it is published
            JsonNode policy = Json.MAPPER.readTree(out.resolve(RefreshJob.POLICY_FILE).toFile());
            assertThat(policy.get(policy.size() - 1).get("symbol_versions").has("x86_64")).isTrue();
        }
    }
}

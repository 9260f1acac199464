package org.distrocompat.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.distrocompat.api.json.Json;
import org.distrocompat.core.refresh.RefreshJob;
import org.distrocompat.crawler.testing.FixtureServer;
import org.distrocompat.crawler.testing.Fixtures;
import org.distrocompat.db.TestDatabase;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A maintainer's publishing: refresh --commit-to commits the policy into a git work tree, and a crawl that finds
 * dropped version names makes refresh exit 1 and shows in history. (A fresh home's first refresh: Pep600PolicyTest.)
 */
class FirstUseAndPublishTest {
    @TempDir
    Path tmp;

    private Path debianSources(FixtureServer server, String extra) throws Exception {
        Path sources = tmp.resolve("sources.json");
        Files.writeString(sources, """
                {"sources": [{"name": "debian", "mirrors": [{"url": "%s"}], "suites": ["bookworm"],
                  "architectures": ["amd64"], "keyrings": ["%s"]%s}]}"""
                .formatted(server.url(), Fixtures.keyring(), extra));
        return sources;
    }

    @Test
    void refreshCommitsThePolicyIntoAGitWorkTreeOnlyWhenItChanges() throws Exception {
        String db = TestDatabase.freshUrl();
        assertThat(CliRunner.run("import", "baseline", "--db", db).exitCode()).isZero();
        Path clone = tmp.resolve("auditwheel");
        Files.createDirectories(clone.resolve("src/auditwheel/policy"));
        try (Git git = Git.init().setDirectory(clone.toFile()).call()) {
            Files.writeString(clone.resolve("README.md"), "auditwheel\n");
            git.add().addFilepattern("README.md").call();
            git.commit().setMessage("initial").setAuthor("t", "t@example.invalid").setCommitter("t", "t@example.invalid").call();
        }
        String[] args = {"refresh", "--db", db, "--no-crawl", "--out-dir", tmp.resolve("out").toString(),
                "--commit-to", clone.toString()};
        CliRunner first = CliRunner.run(args);
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("committed " + clone.resolve("src/auditwheel/policy/manylinux-policy.json"));
        CliRunner second = CliRunner.run(args);
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("nothing to commit");
        try (Git git = Git.open(clone.toFile())) {
            List<RevCommit> log = StreamSupport.stream(git.log().call().spliterator(), false).toList();
            assertThat(log).hasSize(2);
            String message = log.get(0).getFullMessage();
            assertThat(message).startsWith("Update manylinux policy: ").contains("+ policy manylinux_2_17 (priority 80)");
            assertThat(git.status().call().isClean()).isTrue();
            assertThat(Files.readString(clone.resolve("src/auditwheel/policy/manylinux-policy.json")))
                    .isEqualTo(Files.readString(tmp.resolve("out").resolve(RefreshJob.POLICY_FILE)));
        }
        CliRunner notGit = CliRunner.run("refresh", "--db", db, "--no-crawl", "--commit-to", tmp.resolve("nope").toString());
        assertThat(notGit.exitCode()).isEqualTo(2);
        assertThat(notGit.err().strip()).isEqualTo("distrocompat: refresh: --commit-to " + tmp.resolve("nope")
                + ": not a git work tree (clone the repository first)");
    }

    @Test
    void droppedVersionNamesMakeRefreshExit1AndShowInHistory() throws Exception {
        Path mirror = tmp.resolve("mirror");
        Files.createDirectories(mirror);
        String db = TestDatabase.freshUrl();
        try (FixtureServer server = FixtureServer.serve(mirror.toAbsolutePath())) {
            Path sources = debianSources(server, ", \"unsigned\": true");
            String[] args = {"refresh", "--db", db, "--sources", sources.toString(), "--out-dir", tmp.resolve("out").toString(),
                    "--cache", tmp.resolve("cache").toString(), "--apt-dir", tmp.resolve("no-apt").toString()};
            Fixtures.unsignedSuiteWithLibgcc(mirror, "gcc-12/libgcc-s1_12.2.0-14+deb12u1_amd64.deb", "12.2.0-14");
            CliRunner first = CliRunner.run(args);
            assertThat(first.exitCode()).as(first.err() + first.out()).isZero();
            Fixtures.unsignedSuiteWithLibgcc(mirror, "gcc-14/libgcc-s1_14.2.0-19_arm64.deb", "14.2.0-19");
            CliRunner second = CliRunner.run(args);
            assertThat(second.exitCode()).isEqualTo(1);
            assertThat(second.out()).contains("warning: debian 12 (bookworm) x86_64: libgcc-s1 14.2.0-19 no longer defines "
                    + "GCC_12.0.0, GCC_4.8.0 (12.2.0-14 did)");
            assertThat(second.err()).contains("1 warning(s): a new package version no longer defines version names");
        }
        CliRunner history = CliRunner.run("history", "debian", "12", "--db", db);
        assertThat(history.out()).containsPattern("ALERT .* \\(crawl run \\d+\\): libgcc-s1 14.2.0-19 no longer defines "
                + "GCC_12.0.0, GCC_4.8.0 \\(12.2.0-14 did\\)");
        JsonNode j = Json.MAPPER.readTree(CliRunner.run("history", "debian", "12", "--db", db, "--json").out());
        assertThat(j.get(0).get("dropped_versions").get(0).get("dropped").toString()).isEqualTo("[\"GCC_12.0.0\",\"GCC_4.8.0\"]");
    }
}

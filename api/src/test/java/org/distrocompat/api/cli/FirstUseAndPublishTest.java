package org.distrocompat.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import org.distrocompat.core.policy.SharedData;
import org.distrocompat.core.refresh.RefreshJob;
import org.distrocompat.crawler.testing.FixtureServer;
import org.distrocompat.crawler.testing.Fixtures;
import org.distrocompat.db.Home;
import org.distrocompat.db.TestDatabase;
import org.distrocompat.db.model.SymbolVersions;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new user's first command and a maintainer's publishing: a fresh home's first refresh publishes a complete policy
 * (the shipped baseline plus the crawl), refresh --commit-to commits it into a git work tree, and a crawl that finds
 * dropped version names makes refresh exit 1 and shows in history.
 */
class FirstUseAndPublishTest {
    @TempDir
    Path tmp;

    /** policy arch prefix -> highest numeric version, of a policy file's JSON. */
    private static Map<String, String> maxima(JsonNode policies) {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode p : policies) {
            for (Iterator<Map.Entry<String, JsonNode>> a = p.get("symbol_versions").fields(); a.hasNext();) {
                Map.Entry<String, JsonNode> arch = a.next();
                for (Iterator<Map.Entry<String, JsonNode>> x = arch.getValue().fields(); x.hasNext();) {
                    Map.Entry<String, JsonNode> prefix = x.next();
                    out.put(p.get("name").asText() + " " + arch.getKey() + " " + prefix.getKey(),
                            StreamSupport.stream(prefix.getValue().spliterator(), false).map(JsonNode::asText)
                                    .filter(SymbolVersions::isNumeric).max(SymbolVersions::compareNumeric).orElse("-"));
                }
            }
        }
        return out;
    }

    private Path debianSources(FixtureServer server, String extra) throws Exception {
        Path sources = tmp.resolve("sources.json");
        Files.writeString(sources, """
                {"sources": [{"name": "debian", "mirrors": [{"url": "%s"}], "suites": ["bookworm"],
                  "architectures": ["amd64"], "keyrings": ["%s"]%s}]}"""
                .formatted(server.url(), Fixtures.keyring(), extra));
        return sources;
    }

    @Test
    void aFreshHomesFirstRefreshPublishesTheCompletePolicy() throws Exception {
        Path cache = SharedData.pep600Cache();
        // what the full pep600 import derives
        String reference = TestDatabase.freshUrl();
        assertThat(CliRunner.run("import", "pep600", cache.toString(), "--db", reference).exitCode()).isZero();
        CliRunner derived = CliRunner.run("policy", "--db", reference);
        assertThat(derived.exitCode()).as(derived.err()).isZero();
        Map<String, String> expected = maxima(Json.MAPPER.readTree(derived.out()));

        Path home = tmp.resolve("home");
        System.setProperty(Home.PROPERTY, home.toString());
        try (FixtureServer server = FixtureServer.serve(Fixtures.debianMini())) {
            long started = System.nanoTime();
            CliRunner first = CliRunner.run("refresh", "--sources", debianSources(server, "").toString(),
                    "--cache", tmp.resolve("cache").toString(), "--apt-dir", tmp.resolve("no-apt").toString());
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(first.exitCode()).as(first.err() + first.out()).isZero();
            assertThat(first.out()).contains("debian 12 (bookworm) x86_64", "updated ");
            Path published = home.resolve("policy").resolve(RefreshJob.POLICY_FILE);
            assertThat(maxima(Json.MAPPER.readTree(published.toFile()))).isEqualTo(expected);
            System.out.println("[first use] fresh home: embedded server, calendar, baseline, crawl and publish in "
                    + millis + " ms");
            // the crawled cell superseded the baseline's debian 12 x86_64, the other 509 stayed imported
            CliRunner releases = CliRunner.run("releases", "--json", "--distro", "debian", "--arch", "x86_64");
            JsonNode cells = Json.MAPPER.readTree(releases.out());
            assertThat(StreamSupport.stream(cells.spliterator(), false)
                    .filter(c -> c.get("release").asText().equals("12")).map(c -> c.get("provenance").asText()).toList())
                    .containsExactly("crawled");
            assertThat(cells.size()).isGreaterThan(5);
        } finally {
            System.clearProperty(Home.PROPERTY);
        }
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

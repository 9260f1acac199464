package org.distrocompat.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.distrocompat.api.json.Json;
import org.distrocompat.core.refresh.RefreshJob;
import org.distrocompat.crawler.testing.FixtureServer;
import org.distrocompat.crawler.testing.Fixtures;
import org.distrocompat.crawler.testing.RepoFixtures;
import org.distrocompat.db.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * musl end to end on the Alpine fixture (real musl 1.2.2, 1.2.3, 1.2.5 and 1.2.6 on eight architectures): the
 * crawl, {@code policy --musl} against auditwheel's official musllinux file, {@code check} on musllinux wheels
 * built with musl-gcc, and musl in {@code releases}, {@code pairings} and {@code history}.
 */
class MuslCommandsTest {
    @TempDir
    static Path tmp;

    private static FixtureServer server;
    private static String db;

    @BeforeAll
    static void crawlTheAlpineFixture() throws Exception {
        server = FixtureServer.serve(RepoFixtures.alpine());
        db = TestDatabase.freshUrl();
        Path config = tmp.resolve("sources.json");
        Files.writeString(config, "{\"sources\": [{\"name\": \"alpine\", \"libraries\": [\"libatomic.so.1\"]}]}");
        CliRunner r = CliRunner.run("crawl", "--source", "alpine", "--db", db, "--mirror", server.url(), "--keyring",
                RepoFixtures.alpineKey().toString(), "--config", config.toString(), "--cache",
                tmp.resolve("cache").toString());
        assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
        assertThat(r.out()).contains("11 updated");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static JsonNode official() throws Exception {
        try (InputStream in = MuslCommandsTest.class.getResourceAsStream("/auditwheel/musllinux-policy.json")) {
            return Json.MAPPER.readTree(in);
        }
    }

    @Test
    void policyMuslReproducesTheOfficialStructure() throws Exception {
        CliRunner r = CliRunner.run("policy", "--musl", "--db", db);
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode derived = Json.MAPPER.readTree(r.out());
        JsonNode official = official();
        assertThat(derived.size()).isEqualTo(official.size()).isEqualTo(3);
        for (int i = 0; i < official.size(); i++) {
            JsonNode d = derived.get(i);
            JsonNode o = official.get(i);
            assertThat(d.get("name")).isEqualTo(o.get("name"));
            assertThat(d.get("aliases")).isEqualTo(o.get("aliases"));
            assertThat(d.get("priority")).isEqualTo(o.get("priority"));
            // every arch auditwheel lists, in its order, with no symbol versions: musl has none
            assertThat(d.get("symbol_versions")).as(o.get("name").asText()).isEqualTo(o.get("symbol_versions"));
            assertThat(d.get("lib_whitelist")).isEqualTo(o.get("lib_whitelist"));
        }
        // the official libz blacklist is hand-kept; the fixture holds no zlib, so nothing is derived for it
        assertThat(derived.get(1).get("blacklist").size()).isZero();
        assertThat(derived.get(2).get("symbol_versions").has("loongarch64")).isTrue();
        assertThat(derived.get(1).get("symbol_versions").has("loongarch64")).isFalse();
    }

    @Test
    void policyMuslExplainsDiffsAndChecksItsInvariants() throws Exception {
        CliRunner explain = CliRunner.run("policy", "--musl", "--explain", "--db", db);
        assertThat(explain.exitCode()).as(explain.err()).isZero();
        assertThat(explain.out()).contains(
                "# 10 musl release x arch cells count; 1 do not (status rolling: 1)",
                "musllinux_1_1 x86_64: in scope alpine-3.15 (musl 1.2.2), alpine-3.17 (musl 1.2.3), alpine-3.24 (musl 1.2.6)",
                "musllinux_1_1 loongarch64: left out: musl has supported loongarch64 only since 1.2.5",
                "musllinux_1_2 loongarch64: in scope alpine-3.24 (musl 1.2.6)",
                "musllinux_1_1 riscv64: in scope alpine-3.21 (musl 1.2.5)");

        JsonNode json = Json.MAPPER.readTree(CliRunner.run("policy", "--musl", "--explain", "--json", "--db", db).out());
        JsonNode loong11 = null;
        for (JsonNode e : json.get("explain")) {
            if ("musllinux_1_1".equals(e.path("policy").asText()) && "loongarch64".equals(e.path("arch").asText())) {
                loong11 = e;
            }
        }
        assertThat(loong11).isNotNull();
        assertThat(loong11.get("listed").asBoolean()).isFalse();
        assertThat(loong11.get("musl_port_since").asText()).isEqualTo("1.2.5");

        Path officialFile = tmp.resolve("official.json");
        Files.writeString(officialFile, Json.MAPPER.writeValueAsString(official()));
        CliRunner diff = CliRunner.run("policy", "--musl", "--db", db, "--diff", officialFile.toString());
        assertThat(diff.exitCode()).isEqualTo(ExitCodes.FAILED);
        List<String> changes = diff.out().lines().filter(l -> l.startsWith("~ ") || l.startsWith("+ ")
                || l.startsWith("- ")).toList();
        assertThat(changes).hasSize(2).allSatisfy(l -> assertThat(l).contains("blacklist libz.so.1: -_dist_code"));

        Path mine = tmp.resolve("musllinux-policy.json");
        CliRunner write = CliRunner.run("policy", "--musl", "--db", db, "--out", mine.toString());
        assertThat(write.exitCode()).as(write.err()).isZero();
        assertThat(write.out()).contains("2 musllinux policies (musllinux_1_1 .. musllinux_1_2)");
        CliRunner same = CliRunner.run("policy", "--musl", "--db", db, "--diff", mine.toString());
        assertThat(same.exitCode()).as(same.out()).isZero();
        // the file is auditwheel's format: check reads it back as a musllinux policy
        CliRunner check = CliRunner.run("check", "--db", db, "--policy", mine.toString(), "--json",
                RepoFixtures.musl().resolve("plain-1.0-cp312-cp312-musllinux_1_1_x86_64.whl").toString());
        assertThat(Json.MAPPER.readTree(check.out()).get(0).get("policy_tag").asText())
                .isEqualTo("musllinux_1_1_x86_64");
    }

    @Test
    void policyMuslWithoutMuslReleasesIsOneLine() {
        CliRunner r = CliRunner.run("policy", "--musl", "--db", TestDatabase.freshUrl());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().trim()).startsWith("distrocompat: policy: no mainstream musl release stored")
                .doesNotContain("\n");
    }

    private static Map<String, JsonNode> releases(JsonNode report) {
        Map<String, JsonNode> out = new HashMap<>();
        report.get("releases").forEach(r -> out.put(r.get("release").asText(), r));
        return out;
    }

    @Test
    void checkJudgesMuslWheelsBySymbolNames() throws Exception {
        Path musl = RepoFixtures.musl();
        CliRunner r = CliRunner.run("check", "--db", db, "--json",
                musl.resolve("plain-1.0-cp312-cp312-musllinux_1_1_x86_64.whl").toString(),
                musl.resolve("sorting-1.0-cp312-cp312-musllinux_1_2_x86_64.whl").toString(),
                musl.resolve("newer-1.0-cp312-cp312-musllinux_1_2_x86_64.whl").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode reports = Json.MAPPER.readTree(r.out());

        JsonNode plain = reports.get(0);
        assertThat(plain.get("libc").asText()).isEqualTo("musl");
        // as auditwheel, which asks no host musl here: a musl file is judged by the newest musllinux policy
        assertThat(plain.get("overall_tag").asText()).isEqualTo("musllinux_1_2_x86_64");
        assertThat(releases(plain).values()).hasSize(4).allSatisfy(v -> assertThat(v.get("compatible").asBoolean()).isTrue());

        Map<String, JsonNode> sorting = releases(reports.get(1));
        assertThat(reports.get(1).get("unversioned_symbols").toString()).contains("qsort_r");
        assertThat(sorting.get("3.15").get("compatible").asBoolean()).isFalse();
        assertThat(sorting.get("3.15").get("musl").asText()).isEqualTo("1.2.2");
        JsonNode miss = sorting.get("3.15").get("missing_symbols").get(0);
        assertThat(miss.get("name").asText()).isEqualTo("qsort_r");
        assertThat(miss.get("added_in").asText()).isEqualTo("1.2.3");
        List<String> compatible = new ArrayList<>();
        sorting.forEach((k, v) -> {
            if (v.get("compatible").asBoolean()) {
                compatible.add(k);
            }
        });
        assertThat(compatible).containsExactlyInAnyOrder("3.17", "3.24", "edge");

        Map<String, JsonNode> newer = releases(reports.get(2));
        assertThat(newer.get("3.17").get("missing_symbols").findValuesAsText("name"))
                .containsExactly("posix_getdents", "statx");
        // the fixture has no musl 1.2.4/1.2.5 on x86_64: the data cannot tell when statx came, only where it is
        assertThat(newer.get("3.17").get("missing_symbols").get(1).get("oldest_musl_with").asText()).isEqualTo("1.2.6");
        assertThat(newer.get("3.17").get("missing_symbols").get(1).get("added_in").isNull()).isTrue();
        assertThat(newer.get("3.24").get("compatible").asBoolean()).isTrue();

        // every field is the documented schema's
        JsonNode schema;
        try (InputStream in = MuslCommandsTest.class.getResourceAsStream("/schema/check.schema.json")) {
            schema = Json.MAPPER.readTree(in);
        }
        JsonNode releaseSchema = schema.get("$defs").get("releases").get("items");
        JsonNode symbolProps = releaseSchema.get("properties").get("missing_symbols").get("items").get("properties");
        for (JsonNode report : reports) {
            report.get("releases").forEach(rel -> {
                rel.fieldNames().forEachRemaining(f -> assertThat(releaseSchema.get("properties").has(f)).as(f).isTrue());
                rel.get("missing_symbols").forEach(m -> m.fieldNames().forEachRemaining(
                        f -> assertThat(symbolProps.has(f)).as(f).isTrue()));
            });
        }

        CliRunner summary = CliRunner.run("check", "--db", db,
                musl.resolve("sorting-1.0-cp312-cp312-musllinux_1_2_x86_64.whl").toString());
        assertThat(summary.out()).contains("oldest musl:   1.2.3", "runs on:       Alpine Linux 3.17+",
                "Alpine Linux 3.15: lacks `qsort_r` (added in musl 1.2.3)");
    }

    @Test
    void releasesPairingsAndHistoryShowMusl() throws Exception {
        JsonNode cells = Json.MAPPER.readTree(CliRunner.run("releases", "--json", "--db", db, "--distro", "alpine",
                "--arch", "x86_64").out());
        assertThat(cells.findValuesAsText("release")).containsExactly("3.15", "3.17", "3.24", "edge");
        assertThat(cells.findValuesAsText("musl")).containsExactly("1.2.2", "1.2.3", "1.2.6", "1.2.6");
        assertThat(cells.get(1).get("libc").asText()).isEqualTo("musl");
        assertThat(cells.get(1).get("glibc").isNull()).isTrue();
        assertThat(cells.get(1).get("max").get("GLIBCXX").asText()).isEqualTo("3.4.30");

        JsonNode pairings = Json.MAPPER.readTree(CliRunner.run("pairings", "--json", "--db", db).out());
        JsonNode v324 = null;
        for (JsonNode p : pairings.get("releases")) {
            if (p.get("release").asText().equals("3.24") && p.get("arch").asText().equals("x86_64")) {
                v324 = p;
            }
        }
        assertThat(v324).isNotNull();
        assertThat(v324.get("musl").asText()).isEqualTo("1.2.6");
        assertThat(v324.get("libstdcxx_gcc").asText()).isEqualTo("16.2.0");
        assertThat(CliRunner.run("pairings", "--db", db).out()).contains("musl 1.2.6");

        CliRunner since = CliRunner.run("history", "alpine", "3.17", "--arch", "x86_64", "--version", "qsort_r",
                "--db", db);
        assertThat(since.exitCode()).as(since.err()).isZero();
        assertThat(since.out()).contains("alpine 3.17 x86_64, musl 1.2.3: qsort_r since", "in musl 1.2.3-r0");
        CliRunner never = CliRunner.run("history", "alpine", "3.15", "--version", "qsort_r", "--db", db);
        assertThat(never.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(never.out()).contains("no observed package defines qsort_r");
    }

    @Test
    void refreshPublishesTheMusllinuxFileBesideTheManylinuxOne() throws Exception {
        // a mainstream glibc release is needed for the manylinux file: two pep600 records
        Path dataset = tmp.resolve("dataset/x86_64");
        Files.createDirectories(dataset);
        for (String f : List.of("debian-12.json", "centos-7.json")) {
            Files.copy(Fixtures.shared().resolve("reference/pep600-cache/x86_64/" + f), dataset.resolve(f));
        }
        String both = TestDatabase.freshUrl();
        Path config = tmp.resolve("sources-refresh.json");
        Files.writeString(config, "{\"sources\": [{\"name\": \"alpine\"}]}");
        assertThat(CliRunner.run("crawl", "--source", "alpine", "--db", both, "--mirror", server.url(), "--keyring",
                RepoFixtures.alpineKey().toString(), "--config", config.toString(), "--suite", "v3.17,v3.24",
                "--cache", tmp.resolve("cache").toString()).exitCode()).isZero();
        assertThat(CliRunner.run("import", "pep600", dataset.getParent().toString(), "--db", both).exitCode()).isZero();
        Path out = tmp.resolve("published");
        CliRunner r = CliRunner.run("refresh", "--no-crawl", "--db", both, "--out-dir", out.toString());
        assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
        assertThat(r.out()).contains("updated " + out.resolve(RefreshJob.POLICY_FILE),
                "updated " + out.resolve(RefreshJob.MUSL_POLICY_FILE));
        JsonNode musl = Json.MAPPER.readTree(out.resolve(RefreshJob.MUSL_POLICY_FILE).toFile());
        assertThat(musl.findValuesAsText("name")).containsExactly("linux", "musllinux_1_1", "musllinux_1_2");
        assertThat(Files.readString(out.resolve(RefreshJob.MUSL_POLICY_FILE + ".diff"))).contains("+ policy musllinux_1_2");
        CliRunner again = CliRunner.run("refresh", "--no-crawl", "--db", both, "--out-dir", out.toString());
        assertThat(again.out()).contains("unchanged " + out.resolve(RefreshJob.MUSL_POLICY_FILE));
    }
}

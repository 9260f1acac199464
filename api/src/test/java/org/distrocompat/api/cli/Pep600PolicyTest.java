package org.distrocompat.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.distrocompat.api.json.Json;
import org.distrocompat.core.policy.Derivation;
import org.distrocompat.core.policy.MainstreamConfig;
import org.distrocompat.core.policy.Policy;
import org.distrocompat.core.policy.PolicyExplainer;
import org.distrocompat.core.policy.PolicyGenerator;
import org.distrocompat.core.policy.PolicyInvariants;
import org.distrocompat.core.policy.PolicyJson;
import org.distrocompat.core.policy.PolicySet;
import org.distrocompat.core.policy.SharedData;
import org.distrocompat.core.refresh.RefreshJob;
import org.distrocompat.crawler.testing.FixtureServer;
import org.distrocompat.crawler.testing.Fixtures;
import org.distrocompat.db.Database;
import org.distrocompat.db.DatabaseUrl;
import org.distrocompat.db.Home;
import org.distrocompat.db.Migrations;
import org.distrocompat.db.TestDatabase;
import org.distrocompat.db.model.SymbolVersions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real pep600_compliance dataset (../shared/reference/pep600-cache, 510 records) imported once through the
 * CLI into a real PostgreSQL; the policies derived from it are compared with auditwheel's official file.
 */
class Pep600PolicyTest {
    private static String url;
    private static Database db;
    private static PolicySet derived;

    /**
     * Where the default derivation and auditwheel's official file disagree on a numeric maximum: policy arch
     * prefix -> "official derived". Every other maximum of every official policy is reproduced. The README's
     * comparison table is this list; --explain names the binding release of each.
     */
    static final Map<String, String> KNOWN_DIFFERENCES = new LinkedHashMap<>();

    static {
        // manylinux2014 was pinned to CentOS 7; by the rule Ubuntu 13.04 (gcc 4.7, glibc 2.17) binds it
        KNOWN_DIFFERENCES.put("manylinux_2_17 x86_64 CXXABI", "1.3.7 1.3.6");
        KNOWN_DIFFERENCES.put("manylinux_2_17 x86_64 GCC", "4.8.0 4.7.0");
        KNOWN_DIFFERENCES.put("manylinux_2_17 x86_64 GLIBCXX", "3.4.19 3.4.17");
        KNOWN_DIFFERENCES.put("manylinux_2_17 armv7l ZLIB", "1.2.5.2 1.2.7.1");
        // libatomic: the i686 records of CentOS 5/6 say nothing about it; the official file has none
        KNOWN_DIFFERENCES.put("manylinux_2_5 i686 LIBATOMIC", "- 1.0");
        KNOWN_DIFFERENCES.put("manylinux_2_12 i686 LIBATOMIC", "- 1.0");
        for (String arch : List.of("i686", "ppc64le", "s390x", "armv7l")) {
            KNOWN_DIFFERENCES.put("manylinux_2_24 " + arch + " ZLIB", "1.2.5.2 1.2.7.1");
        }
        // the official file copies the x86_64 bound (Photon 3.0 / 2.0) to arches Photon does not exist on
        for (String y : List.of("27", "28")) {
            for (String arch : List.of("i686", "ppc64le", "s390x", "armv7l")) {
                KNOWN_DIFFERENCES.put("manylinux_2_" + y + " " + arch + " GLIBCXX", "3.4.24 3.4.25");
            }
        }
        KNOWN_DIFFERENCES.put("manylinux_2_34 riscv64 GLIBCXX", "3.4.29 3.4.30");
        KNOWN_DIFFERENCES.put("manylinux_2_35 i686 ZLIB", "1.2.9 1.2.12");
        for (String y : List.of("37", "38")) {
            KNOWN_DIFFERENCES.put("manylinux_2_" + y + " i686 CXXABI", "1.3.13 1.3.14");
            KNOWN_DIFFERENCES.put("manylinux_2_" + y + " i686 GCC", "12.0.0 13.0.0");
            KNOWN_DIFFERENCES.put("manylinux_2_" + y + " i686 GLIBCXX", "3.4.30 3.4.32");
            for (String arch : List.of("ppc64le", "s390x", "armv7l")) {
                KNOWN_DIFFERENCES.put("manylinux_2_" + y + " " + arch + " CXXABI", "1.3.13 1.3.14");
                KNOWN_DIFFERENCES.put("manylinux_2_" + y + " " + arch + " GLIBCXX", "3.4.30 3.4.32");
            }
        }
        KNOWN_DIFFERENCES.put("manylinux_2_37 riscv64 CXXABI", "1.3.13 1.3.14");
        KNOWN_DIFFERENCES.put("manylinux_2_37 riscv64 GLIBC", "2.37 2.36");
        KNOWN_DIFFERENCES.put("manylinux_2_37 riscv64 GLIBCXX", "3.4.30 3.4.32");
        KNOWN_DIFFERENCES.put("manylinux_2_37 riscv64 ZLIB", "1.2.12 1.2.9");
        KNOWN_DIFFERENCES.put("manylinux_2_38 riscv64 CXXABI", "1.3.13 1.3.15");
        KNOWN_DIFFERENCES.put("manylinux_2_38 riscv64 GCC", "7.0.0 14.0.0");
        KNOWN_DIFFERENCES.put("manylinux_2_38 riscv64 GLIBCXX", "3.4.30 3.4.33");
        for (String y : List.of("39", "40", "41")) {
            KNOWN_DIFFERENCES.put("manylinux_2_" + y + " loongarch64 GLIBCXX", (y.equals("39") ? "3.4.32" : "3.4.33") + " 3.4.34");
        }
        // arches: no ppc64 (big-endian) record exists; loongarch64's oldest records have glibc 2.38
        KNOWN_DIFFERENCES.put("manylinux_2_17 ppc64", "present absent");
        KNOWN_DIFFERENCES.put("manylinux_2_36 loongarch64", "present absent");
        KNOWN_DIFFERENCES.put("manylinux_2_37 loongarch64", "present absent");
    }

    @BeforeAll
    static void importTheDataset() {
        Path cache = SharedData.pep600Cache();
        url = TestDatabase.freshUrl();
        CliRunner r = CliRunner.run("import", "pep600", cache.toString(), "--db", url);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("imported 510 pep600 records from ").contains("510 updated, 0 unchanged");
        db = Database.external(DatabaseUrl.parse(url));
        Migrations.migrate(db.dataSource());
        derived = new PolicyGenerator(MainstreamConfig.defaults()).generate(db, Set.of());
    }

    @AfterAll
    static void close() {
        if (db != null) {
            db.close();
        }
    }

    private static Map<String, Long> counts() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String t : List.of("distro", "release", "release_arch", "source", "imported_release_arch", "imported_prefix",
                "imported_version", "imported_symbol")) {
            m.put(t, db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + t).mapTo(Long.class).one()));
        }
        m.put("max imported_at", db.jdbi().withHandle(h -> h.createQuery(
                "SELECT extract(epoch FROM max(imported_at))::bigint FROM imported_release_arch").mapTo(Long.class).one()));
        return m;
    }

    @Test
    void importIsIdempotent() throws Exception {
        Map<String, Long> before = counts();
        assertThat(before.get("release_arch")).isEqualTo(510);
        assertThat(before.get("distro")).isGreaterThanOrEqualTo(20);
        CliRunner again = CliRunner.run("import", "pep600", SharedData.pep600Cache().toString(), "--db", url, "--json");
        assertThat(again.exitCode()).as(again.err()).isZero();
        JsonNode j = Json.MAPPER.readTree(again.out());
        assertThat(j.get("updated").asInt()).isZero();
        assertThat(j.get("unchanged").asInt()).isEqualTo(510);
        assertThat(counts()).isEqualTo(before);
        // releases the file names describe, stored with their status and glibc
        List<String> stored = db.jdbi().withHandle(h -> h.createQuery("""
                SELECT d.name || ' ' || r.version || ' ' || r.status || ' ' || r.libc || ' ' || coalesce(r.libc_version, '-')
                FROM release r JOIN distro d ON d.id = r.distro_id
                WHERE (d.name, r.version) IN (('photon', '3.0'), ('centos-stream', '9'), ('alt', 'p10'),
                                              ('fedora', 'rawhide'), ('debian', 'testing'), ('archlinux', '20191006'))
                ORDER BY 1""").mapTo(String.class).list());
        assertThat(stored).containsExactly(
                "alt p10 supported glibc 2.32", "archlinux 20191006 rolling glibc 2.30",
                "centos-stream 9 supported glibc 2.34", "debian testing devel glibc 2.42",
                "fedora rawhide rolling glibc 2.44", "photon 3.0 supported glibc 2.28");
    }

    private static String max(List<String> versions) {
        return versions.stream().filter(SymbolVersions::isNumeric).max(SymbolVersions::compareNumeric).orElse("-");
    }

    @Test
    void derivedPoliciesReproduceTheOfficialMaximaWhereTheOfficialFileFollowsTheRule() {
        List<Policy> official = PolicyJson.read(SharedData.officialPolicy());
        Map<String, Policy> mine = new LinkedHashMap<>();
        derived.policies().forEach(p -> mine.put(p.name(), p));
        Map<String, String> differences = new LinkedHashMap<>();
        int compared = 0;
        for (Policy o : official) {
            if (o.name().equals("linux")) {
                continue;
            }
            Policy d = mine.get(o.name());
            assertThat(d).as("derived policy " + o.name()).isNotNull();
            assertThat(d.aliases()).isEqualTo(o.aliases());
            assertThat(d.priority()).isEqualTo(o.priority());
            for (var arch : o.symbolVersions().entrySet()) {
                Map<String, List<String>> dArch = d.symbolVersions().get(arch.getKey());
                if (dArch == null) {
                    differences.put(o.name() + " " + arch.getKey(), "present absent");
                    continue;
                }
                for (var prefix : arch.getValue().entrySet()) {
                    compared++;
                    String a = max(prefix.getValue());
                    String b = max(dArch.getOrDefault(prefix.getKey(), List.of()));
                    if (!a.equals(b)) {
                        differences.put(o.name() + " " + arch.getKey() + " " + prefix.getKey(), a + " " + b);
                    }
                }
            }
        }
        assertThat(compared).isGreaterThan(500);
        assertThat(differences).containsExactlyInAnyOrderEntriesOf(KNOWN_DIFFERENCES.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        // x86_64 and aarch64 follow the rule from manylinux_2_24 on: every maximum is reproduced there
        assertThat(differences.keySet()).noneMatch(k -> (k.contains(" x86_64") || k.contains(" aarch64"))
                && Policy.libcVersionOf(k.split(" ")[0]).orElseThrow().minor() >= 24);
    }

    @Test
    void explainNamesTheBindingRelease() {
        List<String> lines = PolicyExplainer.lines(derived);
        assertThat(lines.get(0)).startsWith("# mainstream = status eol|supported");
        assertThat(lines).contains(
                "manylinux_2_28 x86_64: GLIBCXX ≤ 3.4.24 because photon-3.0 defines no 3.4.25",
                "manylinux_2_26 x86_64: GLIBCXX ≤ 3.4.22 because photon-2.0 defines no 3.4.23",
                "manylinux_2_17 x86_64: GLIBCXX ≤ 3.4.17 because ubuntu-13.04 defines no 3.4.18");
        assertThat(lines).anyMatch(l -> l.startsWith("manylinux_2_28 x86_64: GLIBC ≤ 2.28: capped: GLIBC_2.29"));
    }

    @Test
    void theDerivedPolicyFileLoadsThroughTheValidatingLoader() {
        assertThat(PolicyJson.parse(derived.json(), "derived")).isEqualTo(derived.policies());
    }

    @Test
    void derivedPoliciesHoldAuditwheelsInvariantsAndShape() {
        assertThat(PolicyInvariants.check(derived.policies(), derived.derivations())).isEmpty();
        assertThat(derived.policies().get(0)).isEqualTo(Policy.linux());
        List<Integer> priorities = derived.policies().stream().skip(1).map(Policy::priority).toList();
        assertThat(new ArrayList<>(priorities)).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
        assertThat(derived.policies()).extracting(Policy::name).contains("manylinux_2_5", "manylinux_2_12",
                "manylinux_2_17", "manylinux_2_28", "manylinux_2_43");
        // rolling and devel releases are out: nothing beyond the newest numbered release's glibc (2.43)
        assertThat(derived.policies()).extracting(Policy::name).doesNotContain("manylinux_2_44");
        for (Policy p : derived.policies()) {
            p.symbolVersions().values().forEach(byPrefix -> {
                assertThat(byPrefix.keySet()).containsExactly("CXXABI", "GCC", "GLIBC", "GLIBCXX", "LIBATOMIC", "ZLIB");
                byPrefix.values().forEach(v -> assertThat(v).isSortedAccordingTo(SymbolVersions.VERSION_ORDER));
                assertThat(byPrefix.get("GLIBC")).doesNotContain("PRIVATE");
            });
        }
        Policy p228 = derived.policies().stream().filter(p -> p.name().equals("manylinux_2_28")).findFirst().orElseThrow();
        assertThat(p228.libWhitelist()).contains("libc.so.6", "libstdc++.so.6", "libz.so.1", "libatomic.so.1");
        assertThat(p228.blacklist().get("libz.so.1")).contains("crc32_acle", "uncompress2").doesNotContain("deflate", "adler32");
    }

    @Test
    void cliPolicyOutAndDiffExitStatus(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("policy.json");
        CliRunner written = CliRunner.run("policy", "--db", url, "--out", out.toString());
        assertThat(written.exitCode()).as(written.err()).isZero();
        assertThat(written.out()).startsWith("wrote " + out);
        assertThat(Files.readString(out)).isEqualTo(derived.json());

        CliRunner same = CliRunner.run("policy", "--db", url, "--diff", out.toString());
        assertThat(same.exitCode()).as(same.err()).isZero();
        assertThat(same.out()).contains("no changes");

        CliRunner vsOfficial = CliRunner.run("policy", "--db", url, "--diff", SharedData.officialPolicy().toString());
        assertThat(vsOfficial.exitCode()).isEqualTo(1);
        assertThat(vsOfficial.out()).contains("~ manylinux_2_17 x86_64 GLIBCXX: -3.4.18 -3.4.19",
                "+ policy manylinux_2_42 (priority 50)");

        CliRunner json = CliRunner.run("policy", "--db", url, "--explain", "--json", "--arch", "amd64");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode j = Json.MAPPER.readTree(json.out());
        assertThat(j.get("config").asText()).startsWith("mainstream = ");
        assertThat(j.get("explain").findValuesAsText("arch")).containsOnly("x86_64");

        CliRunner excluded = CliRunner.run("policy", "--db", url, "--exclude", "photon", "--explain", "--arch", "x86_64");
        assertThat(excluded.out()).contains("minus photon").doesNotContain("because photon-3.0");

        CliRunner config = CliRunner.run("policy", "--show-config");
        assertThat(config.out()).contains("statuses eol supported", "whitelist libatomic.so.1");
    }

    @Test
    void refreshPublishesOnlyChangesAndAFailedRunLeavesTheFilesUntouched(@TempDir Path dir) throws Exception {
        CliRunner first = CliRunner.run("refresh", "--db", url, "--out-dir", dir.toString(), "--no-crawl");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("--no-crawl: regenerating from the database only", "updated ");
        Path file = dir.resolve(RefreshJob.POLICY_FILE);
        String published = Files.readString(file);
        assertThat(published).isEqualTo(derived.json());
        assertThat(Files.readString(dir.resolve(RefreshJob.POLICY_FILE + ".diff"))).contains("+ policy manylinux_2_5");

        CliRunner second = CliRunner.run("refresh", "--db", url, "--out-dir", dir.toString(), "--no-crawl",
                "--every", "1s", "--runs", "2");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("--no-crawl").contains("unchanged " + file).contains("next run at");

        RefreshJob failing = new RefreshJob(MainstreamConfig.defaults().withExclude(List.of("photon")), dir,
                Optional.of((database, out) -> {
                    throw new IllegalStateException("mirror unreachable");
                }));
        try (var out = new java.io.PrintWriter(java.io.Writer.nullWriter())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> failing.run(db, out))
                    .hasMessage("crawl failed: mirror unreachable; previous files untouched");
        }
        assertThat(Files.readString(file)).isEqualTo(published);

        // the same job without the failing crawl publishes the change (photon excluded raises GLIBCXX)
        var changed = new RefreshJob(MainstreamConfig.defaults().withExclude(List.of("photon")), dir, Optional.empty())
                .run(db, new java.io.PrintWriter(java.io.Writer.nullWriter()));
        assertThat(changed.changed()).isTrue();
        assertThat(Files.readString(dir.resolve(RefreshJob.POLICY_FILE + ".diff")))
                .contains("~ manylinux_2_28 x86_64 GLIBCXX: +3.4.25");
    }

    @Test
    void badInputIsOneLineAndWritesNothing(@TempDir Path dir) throws Exception {
        CliRunner missing = CliRunner.run("import", "pep600", dir.resolve("nope").toString(), "--db", url);
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err().strip()).isEqualTo("distrocompat: import pep600: no such directory: " + dir.resolve("nope"));

        Path data = dir.resolve("cache");
        Files.createDirectories(data.resolve("x86_64"));
        Files.copy(SharedData.pep600Cache().resolve("x86_64/photon-3.0.json"), data.resolve("x86_64/photon-3.0.json"));
        Files.writeString(data.resolve("x86_64/zzz-1.json"), "{\"glibc_version\": \"2.28\", \"symbols\": {\"GLIBC\": [");
        String emptyDb = TestDatabase.freshUrl();
        CliRunner malformed = CliRunner.run("import", "pep600", data.toString(), "--db", emptyDb);
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).startsWith("distrocompat: import pep600: malformed pep600 record ")
                .contains("zzz-1.json: not valid JSON");
        assertThat(malformed.err().strip()).doesNotContain("\n");
        try (Database empty = Database.external(DatabaseUrl.parse(emptyDb))) {
            long releases = empty.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM release").mapTo(Long.class).one());
            assertThat(releases).isZero();
        }

        CliRunner notPolicy = CliRunner.run("policy", "--db", url, "--diff", dir.resolve("nope.json").toString());
        assertThat(notPolicy.exitCode()).isEqualTo(2);
        assertThat(notPolicy.err().strip()).isEqualTo("distrocompat: policy: no such file: " + dir.resolve("nope.json"));
    }

    /** policy arch prefix -> highest numeric version, of a policy file's JSON. */
    static Map<String, String> maxima(JsonNode policies) {
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

    private static Path debianSources(Path tmp, FixtureServer server) throws Exception {
        Path sources = tmp.resolve("sources.json");
        Files.writeString(sources, """
                {"sources": [{"name": "debian", "mirrors": [{"url": "%s"}], "suites": ["bookworm"],
                  "architectures": ["amd64"], "keyrings": ["%s"]}]}"""
                .formatted(server.url(), Fixtures.keyring()));
        return sources;
    }

    @Test
    void aFreshHomesFirstRefreshPublishesTheCompletePolicy(@TempDir Path tmp) throws Exception {
        // what the full pep600 import derives
        Map<String, String> expected = maxima(Json.MAPPER.readTree(derived.json()));

        Path home = tmp.resolve("home");
        System.setProperty(Home.PROPERTY, home.toString());
        try (FixtureServer server = FixtureServer.serve(Fixtures.debianMini())) {
            long started = System.nanoTime();
            CliRunner first = CliRunner.run("refresh", "--sources", debianSources(tmp, server).toString(),
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
    void crawledDataWinsAndDifferencesAreReported(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("cache");
        Files.createDirectories(data.resolve("x86_64"));
        Files.copy(SharedData.pep600Cache().resolve("x86_64/debian-12.json"), data.resolve("x86_64/debian-12.json"));
        String small = TestDatabase.freshUrl();
        try (Database d = Database.external(DatabaseUrl.parse(small))) {
            Migrations.migrate(d.dataSource());
            d.jdbi().useTransaction(h -> {
                var repo = h.attach(org.distrocompat.db.repo.ReleaseRepository.class);
                int ra = repo.upsertReleaseArch(repo.upsertRelease(repo.upsertDistro("debian", "Debian"), "12", "bookworm",
                        "supported", "glibc", "2.36", null, null, null), "x86_64");
                int src = repo.upsertSource("crawled", "debian", "http://mirror.invalid/debian");
                long pkg = h.createQuery("""
                        INSERT INTO package (release_arch_id, source_id, name, version, sha256)
                        VALUES (:ra, :src, 'libc6', '2.36-9', repeat('a', 64)) RETURNING id""")
                        .bind("ra", ra).bind("src", src).mapTo(Long.class).one();
                long lib = h.createQuery("""
                        INSERT INTO library (sha256, soname, size, machine, arch)
                        VALUES (repeat('d', 64), 'libc.so.6', 1, 62, 'x86_64') RETURNING id""").mapTo(Long.class).one();
                h.execute("INSERT INTO package_library VALUES (?, ?, '/lib/x86_64-linux-gnu/libc.so.6', 'libc.so.6')", pkg, lib);
                String[] names = {"libc.so.6", "GLIBC_2.2.5", "GLIBC_2.36", "GLIBC_PRIVATE"};
                for (int i = 0; i < names.length; i++) {
                    h.execute("INSERT INTO version_definition (library_id, idx, name, flags, is_base) VALUES (?, ?, ?, ?, ?)",
                            lib, i + 1, names[i], i == 0 ? 1 : 0, i == 0);
                }
            });
        }
        CliRunner r = CliRunner.run("import", "pep600", data.toString(), "--db", small, "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertThat(j.get("also_crawled").asInt()).isEqualTo(1);
        JsonNode glibc = j.get("differences").get(0);
        assertThat(glibc.get("prefix").asText()).isEqualTo("GLIBC");
        assertThat(Json.MAPPER.convertValue(glibc.get("only_crawled"), String[].class)).containsExactly("PRIVATE");
        assertThat(Json.MAPPER.convertValue(glibc.get("only_imported"), String[].class)).contains("2.17", "2.34")
                .doesNotContain("2.36");
        CliRunner text = CliRunner.run("import", "pep600", data.toString(), "--db", small);
        assertThat(text.out()).contains("1 of them were also crawled (crawled data wins); 1 differ:",
                "debian-12 x86_64 GLIBC  only crawled: PRIVATE  only imported: 2.2.6 2.3 2.3.2");
        try (Database d = Database.external(DatabaseUrl.parse(small))) {
            PolicySet set = new PolicyGenerator(MainstreamConfig.defaults()).generate(d, Set.of());
            // the crawled cell wins: GLIBC from the crawl, other prefixes are not crawled so they stay unknown
            assertThat(set.policies().get(1).symbolVersions().get("x86_64").get("GLIBC")).containsExactly("2.2.5", "2.36");
            assertThat(new TreeSet<>(set.policies().get(1).symbolVersions().get("x86_64").get("GLIBCXX"))).isEmpty();
        }
    }
}

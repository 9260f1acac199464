package org.distrocompat.crawler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.distrocompat.crawler.archive.DebReader;
import org.distrocompat.crawler.archive.ExtractedLibrary;
import org.distrocompat.crawler.archive.LibrarySelector;
import org.distrocompat.crawler.fetch.Sha256;
import org.distrocompat.crawler.testing.FixtureServer;
import org.distrocompat.crawler.testing.Fixtures;
import org.distrocompat.crawler.testing.ReadelfFacts;
import org.distrocompat.db.Database;
import org.distrocompat.db.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crawls Debian's real, signed mini archive (bookworm/amd64 and trixie/arm64) from a local HTTP server into a
 * real PostgreSQL, and checks what is stored against readelf, the trust rules and the incremental rules.
 */
class CrawlerTest {
    @TempDir
    Path tmp;

    private Database db;
    private final List<FixtureServer> servers = new ArrayList<>();

    @BeforeEach
    void database() {
        Fixtures.shared();
        db = TestDatabase.fresh();
    }

    @AfterEach
    void close() {
        servers.forEach(FixtureServer::close);
        if (db != null) {
            db.close();
        }
    }

    private FixtureServer serve(Path root) throws IOException {
        FixtureServer s = FixtureServer.serve(root);
        servers.add(s);
        return s;
    }

    private CrawlRequest request(FixtureServer server, String suite, String arch) throws IOException {
        Path config = tmp.resolve("sources.json");
        if (!Files.exists(config)) {
            Files.writeString(config, "{\"sources\": []}");
        }
        return CrawlRequest.of("debian").withMirror(server.url()).withSuites(List.of(suite))
                .withArchitectures(List.of(arch)).withKeyrings(List.of(Fixtures.keyring()))
                .withCacheDir(tmp.resolve("cache")).withConfig(config).withAptDir(tmp.resolve("no-apt"));
    }

    private CrawlSummary crawl(CrawlRequest r) {
        return new Crawler().crawl(db, r, CrawlProgress.NONE);
    }

    private long count(String sql, Object... args) {
        return db.jdbi().withHandle(h -> {
            var q = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                q.bind(i, args[i]);
            }
            return q.mapTo(Long.class).one();
        });
    }

    @Test
    void crawlsBothSuitesAndStoresWhatReadelfSees() throws Exception {
        FixtureServer server = serve(Fixtures.debianMini());
        CrawlSummary bookworm = crawl(request(server, "bookworm", "amd64"));
        CrawlSummary trixie = crawl(request(server, "trixie", "arm64"));
        assertThat(bookworm.ok()).as(bookworm.errors().toString()).isTrue();
        assertThat(trixie.ok()).as(trixie.errors().toString()).isTrue();
        assertThat(bookworm.updated()).isEqualTo(1);
        assertThat(trixie.cells()).singleElement().satisfies(c -> {
            assertThat(c.arch()).isEqualTo("aarch64");
            assertThat(c.outcome()).isEqualTo(CellOutcome.UPDATED);
        });

        List<Map<String, Object>> releases = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT version, codename, status, libc_version, suite_date IS NOT NULL AS dated FROM release ORDER BY version")
                .mapToMap().list());
        assertThat(releases).extracting(m -> m.get("version"), m -> m.get("codename"), m -> m.get("status"),
                m -> m.get("libc_version"), m -> m.get("dated")).containsExactly(
                org.assertj.core.groups.Tuple.tuple("12", "bookworm", "supported", "2.36", true),
                org.assertj.core.groups.Tuple.tuple("13", "trixie", "supported", "2.41", true));
        assertThat(count("SELECT count(*) FROM package WHERE current")).isEqualTo(6);
        assertThat(count("SELECT count(*) FROM package WHERE name = 'libc6' AND source_name = 'glibc'")).isEqualTo(2);
        assertThat(count("""
                SELECT count(*) FROM release_arch WHERE release_file_sha256 IS NOT NULL AND packages_sha256 IS NOT NULL
                AND crawl_run_id IS NOT NULL AND source_id IS NOT NULL""")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM crawl_run WHERE status = 'succeeded' AND cells_updated = 1")).isEqualTo(2);

        // every base library was found, in both architectures
        for (String soname : List.of("libc.so.6", "libm.so.6", "libpthread.so.0", "libdl.so.2", "librt.so.1",
                "libresolv.so.2", "libmvec.so.1", "libstdc++.so.6", "libgcc_s.so.1")) {
            assertThat(count("SELECT count(DISTINCT p.release_arch_id) FROM package_library pl JOIN package p ON p.id = pl.package_id WHERE pl.soname = ?",
                    soname)).as(soname).isEqualTo(2);
        }
        assertThat(count("SELECT count(*) FROM package_library WHERE soname IN ('ld-linux-x86-64.so.2', 'ld-linux-aarch64.so.1')"))
                .isEqualTo(2);

        // the stored version definitions and exported symbols are those readelf reads from the same files
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/readelf")), "no /usr/bin/readelf: skipping the readelf comparison");
        int compared = 0;
        for (String deb : List.of("pool/main/g/glibc/libc6_2.36-9+deb12u14_amd64.deb",
                "pool/main/g/gcc-12/libstdc++6_12.2.0-14+deb12u1_amd64.deb",
                "pool/main/g/gcc-12/libgcc-s1_12.2.0-14+deb12u1_amd64.deb",
                "pool/main/g/glibc/libc6_2.41-12+deb13u5_arm64.deb",
                "pool/main/g/gcc-14/libstdc++6_14.2.0-19_arm64.deb",
                "pool/main/g/gcc-14/libgcc-s1_14.2.0-19_arm64.deb")) {
            List<ExtractedLibrary> libs;
            try (InputStream in = Files.newInputStream(Fixtures.debianMini().resolve(deb))) {
                libs = DebReader.readLibraries(in, LibrarySelector.base());
            }
            assertThat(libs).as(deb).isNotEmpty();
            for (ExtractedLibrary lib : libs) {
                Path f = tmp.resolve(lib.soname());
                Files.write(f, lib.data());
                String sha = Sha256.hex(lib.data());
                List<String> storedList = db.jdbi().withHandle(h -> h.createQuery("""
                        SELECT vd.idx || ' ' || vd.name FROM version_definition vd JOIN library l ON l.id = vd.library_id
                        WHERE l.sha256 = :sha""").bind("sha", sha).mapTo(String.class).list());
                Set<String> stored = new TreeSet<>(storedList);
                assertThat(stored).as(deb + " " + lib.soname()).isEqualTo(ReadelfFacts.definitions(f)).isNotEmpty();
                List<String> symbolList = db.jdbi().withHandle(h -> h.createQuery("""
                        SELECT s.name || '@' || s.version FROM library_symbol s JOIN library l ON l.id = s.library_id
                        WHERE l.sha256 = :sha""").bind("sha", sha).mapTo(String.class).list());
                Set<String> symbols = new HashSet<>(symbolList);
                assertThat(symbols).as(deb + " " + lib.soname() + " exported symbols").isEqualTo(ReadelfFacts.exports(f));
                compared++;
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(20);
    }

    @Test
    void unchangedReleaseDoesNoFurtherRequestsAndAChangedIndexFetchesOnlyNewPackages() throws Exception {
        FixtureServer server = serve(Fixtures.debianMini());
        assertThat(crawl(request(server, "bookworm", "amd64")).updated()).isEqualTo(1);
        server.clearRequests();
        CrawlSummary again = crawl(request(server, "bookworm", "amd64"));
        assertThat(again.unchanged()).isEqualTo(1);
        assertThat(server.requests()).containsExactly("dists/bookworm/InRelease");
        assertThat(again.requests()).isEqualTo(1);

        // a different signed Release whose index is the same: no package is fetched
        Path mirror = Fixtures.copyOfDebianMini(tmp.resolve("mirror"));
        Files.writeString(mirror.resolve("dists/bookworm/InRelease"),
                Files.readString(mirror.resolve("dists/bookworm/InRelease")).replace("Hash: SHA256", "Hash: SHA256\nComment: x"));
        FixtureServer second = serve(mirror);
        CrawlSummary sameIndex = crawl(request(second, "bookworm", "amd64"));
        assertThat(sameIndex.ok()).as(sameIndex.errors().toString()).isTrue();
        assertThat(sameIndex.unchanged()).isEqualTo(1);
        assertThat(second.requests()).noneMatch(p -> p.startsWith("pool/"));
        assertThat(count("SELECT count(*) FROM package")).isEqualTo(3);
    }

    @Test
    void newPackageVersionsKeepTheOldOnesAsHistory() throws Exception {
        // an unsigned test archive whose second state replaces libgcc-s1 by another build
        Path mirror = tmp.resolve("unsigned");
        Path pool = Fixtures.debianMini().resolve("pool/main/g");
        String libc = "glibc/libc6_2.36-9+deb12u14_amd64.deb";
        String gcc1 = "gcc-12/libgcc-s1_12.2.0-14+deb12u1_amd64.deb";
        String gcc2 = "gcc-14/libgcc-s1_14.2.0-19_arm64.deb";
        for (String f : List.of(libc, gcc1, gcc2)) {
            Files.createDirectories(mirror.resolve("pool/main/g").resolve(f).getParent());
            Files.copy(pool.resolve(f), mirror.resolve("pool/main/g").resolve(f));
        }
        Fixtures.unsignedSuite(mirror, List.of(Fixtures.stanza("libc6", "2.36-9", mirror, libc), Fixtures.stanza("libgcc-s1", "12.2.0-14", mirror, gcc1)));
        FixtureServer server = serve(mirror);
        CrawlRequest r = request(server, "bookworm", "amd64").withUnsigned(true);
        CrawlSummary first = crawl(r);
        assertThat(first.ok()).as(first.errors().toString()).isTrue();

        Fixtures.unsignedSuite(mirror, List.of(Fixtures.stanza("libc6", "2.36-9", mirror, libc), Fixtures.stanza("libgcc-s1", "14.2.0-19", mirror, gcc2)));
        server.clearRequests();
        CrawlSummary second = crawl(r);
        assertThat(second.updated()).isEqualTo(1);
        assertThat(server.requests()).filteredOn(p -> p.startsWith("pool/")).containsExactly("pool/main/g/" + gcc2);
        List<Map<String, Object>> rows = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT version, current, first_seen <= last_seen AS ordered FROM package WHERE name = 'libgcc-s1' ORDER BY id")
                .mapToMap().list());
        assertThat(rows).extracting(m -> m.get("version"), m -> m.get("current"), m -> m.get("ordered")).containsExactly(
                org.assertj.core.groups.Tuple.tuple("12.2.0-14", false, true),
                org.assertj.core.groups.Tuple.tuple("14.2.0-19", true, true));
        // "when did this release gain GCC_13.0.0": the first_seen of the first current package defining it
        assertThat(count("""
                SELECT count(*) FROM package p JOIN package_library pl ON pl.package_id = p.id
                JOIN version_definition vd ON vd.library_id = pl.library_id
                WHERE p.name = 'libgcc-s1' AND vd.name = 'GCC_13.0.0' AND p.current""")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM package WHERE name = 'libc6'")).isEqualTo(1);
    }

    @Test
    void aNewPackageVersionThatDropsVersionNamesIsAWarningOfTheRunAndPartOfTheHistory() throws Exception {
        // the second state lists as libgcc-s1's new version a build whose libgcc_s no longer defines GCC_4.8.0 and
        // GCC_12.0.0 (the arm64 build of gcc 14: those are x86_64-only version nodes)
        Path mirror = tmp.resolve("unsigned");
        Fixtures.unsignedSuiteWithLibgcc(mirror, "gcc-12/libgcc-s1_12.2.0-14+deb12u1_amd64.deb", "12.2.0-14");
        CrawlRequest r = request(serve(mirror), "bookworm", "amd64").withUnsigned(true);
        CrawlSummary first = crawl(r);
        assertThat(first.warnings()).isEmpty();

        Fixtures.unsignedSuiteWithLibgcc(mirror, "gcc-14/libgcc-s1_14.2.0-19_arm64.deb", "14.2.0-19");
        CrawlSummary second = crawl(r);
        assertThat(second.ok()).isTrue();
        assertThat(second.warnings()).singleElement().satisfies(w -> {
            assertThat(w.scope()).isEqualTo("debian 12 (bookworm) x86_64");
            assertThat(w.message()).isEqualTo("libgcc-s1 14.2.0-19 no longer defines GCC_12.0.0, GCC_4.8.0 (12.2.0-14 did)");
        });
        assertThat(count("SELECT count(*) FROM version_drop WHERE crawl_run_id = ? AND package_name = 'libgcc-s1'",
                second.runId())).isEqualTo(1);
        var history = new org.distrocompat.db.query.ReleaseHistory(db.jdbi()).of("debian", "bookworm", "x86_64");
        assertThat(history).singleElement().satisfies(h -> assertThat(h.drops()).singleElement().satisfies(d -> {
            assertThat(d.dropped()).containsExactly("GCC_12.0.0", "GCC_4.8.0");
            assertThat(d.oldVersion()).isEqualTo("12.2.0-14");
        }));
        // the same state again: nothing new, no warning
        assertThat(crawl(r).warnings()).isEmpty();
    }

    @Test
    void tamperedPackagesIndexDebOrInReleaseIsRefusedAndNothingIsStored() throws Exception {
        Path mirror = Fixtures.copyOfDebianMini(tmp.resolve("mirror"));
        Fixtures.flipByte(mirror.resolve("dists/bookworm/main/binary-amd64/Packages.xz"), 5000);
        Fixtures.flipByte(mirror.resolve("pool/main/g/gcc-14/libstdc++6_14.2.0-19_arm64.deb"), -1000);
        FixtureServer server = serve(mirror);
        CrawlSummary index = crawl(request(server, "bookworm", "amd64"));
        assertThat(index.failed()).isEqualTo(1);
        assertThat(index.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("SHA256"));
        CrawlSummary deb = crawl(request(server, "trixie", "arm64"));
        assertThat(deb.failed()).isEqualTo(1);
        assertThat(deb.errors()).singleElement().satisfies(e -> {
            assertThat(e.message()).contains("SHA256");
            assertThat(e.url()).endsWith("libstdc++6_14.2.0-19_arm64.deb");
        });
        assertThat(count("SELECT count(*) FROM package")).isZero();
        assertThat(count("SELECT count(*) FROM library")).isZero();
        assertThat(count("SELECT count(*) FROM crawl_error")).isEqualTo(2);
        assertThat(Files.list(tmp.resolve("cache/sha256")).flatMap(d -> {
            try {
                return Files.list(d);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).map(p -> p.getFileName().toString())).doesNotContain(
                Sha256.hex(Files.readAllBytes(mirror.resolve("pool/main/g/gcc-14/libstdc++6_14.2.0-19_arm64.deb"))));

        Path signed = Fixtures.copyOfDebianMini(tmp.resolve("signed"));
        Path inRelease = signed.resolve("dists/bookworm/InRelease");
        Files.writeString(inRelease, Files.readString(inRelease).replace("Version: 12.15", "Version: 12.16"));
        CrawlSummary release = crawl(request(serve(signed), "bookworm", "amd64"));
        assertThat(release.cells()).isEmpty();
        assertThat(release.status()).isEqualTo("failed");
        assertThat(release.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("no valid signature"));
        assertThat(count("SELECT count(*) FROM release")).isZero();
    }

    @Test
    void missingDebIsAnErrorOfTheRunAndTheCellKeepsItsData() throws Exception {
        FixtureServer server = serve(Fixtures.debianMini());
        server.fail("pool/main/g/gcc-14/libgcc-s1_14.2.0-19_arm64.deb", 404);
        CrawlSummary trixie = crawl(request(server, "trixie", "arm64"));
        assertThat(trixie.failed()).isEqualTo(1);
        assertThat(trixie.status()).isEqualTo("failed");
        assertThat(trixie.errors()).singleElement().satisfies(e -> {
            assertThat(e.scope()).isEqualTo("debian trixie arm64");
            assertThat(e.message()).contains("404");
        });
        assertThat(count("SELECT count(*) FROM crawl_error e JOIN crawl_run r ON r.id = e.crawl_run_id WHERE r.status = 'failed'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM package")).isZero();
        // the rest of a crawl goes on: bookworm is stored while trixie keeps failing
        CrawlSummary bookworm = crawl(request(server, "bookworm", "amd64"));
        assertThat(bookworm.ok()).isTrue();
        assertThat(count("SELECT count(*) FROM package")).isEqualTo(3);
        // healed: the next crawl completes the cell
        server.heal();
        assertThat(crawl(request(server, "trixie", "arm64")).updated()).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM package")).isEqualTo(6);
    }

    @Test
    void interruptedCrawlRerunsToTheSameConsistentState() throws Exception {
        FixtureServer server = serve(Fixtures.debianMini());
        // the first attempt dies mid-way: the server errors on the last package, a partial download lies in the cache
        server.fail("pool/main/g/glibc/libc6_2.36-9+deb12u14_amd64.deb", 500);
        Files.createDirectories(tmp.resolve("cache/tmp"));
        Path partial = tmp.resolve("cache/tmp/dl-123.part");
        Files.write(partial, new byte[1000]);
        Files.setLastModifiedTime(partial, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 7_200_000L));
        // and a process that was killed (kill -9) left its run 'running'
        db.jdbi().useHandle(h -> h.execute("INSERT INTO crawl_run (kind, status) VALUES ('crawl', 'running')"));
        CrawlSummary broken = new Crawler(new org.distrocompat.crawler.fetch.HttpFetcher.Settings(
                java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(5), 2,
                java.time.Duration.ofMillis(10))).crawl(db, request(server, "bookworm", "amd64"), CrawlProgress.NONE);
        assertThat(broken.failed()).isEqualTo(1);
        assertThat(server.requests()).filteredOn(p -> p.contains("libc6_")).hasSize(2); // retried with backoff
        assertThat(count("SELECT count(*) FROM package")).isZero();
        server.heal();
        for (int i = 0; i < 2; i++) {
            CrawlSummary s = crawl(request(server, "bookworm", "amd64"));
            assertThat(s.ok()).isTrue();
        }
        assertThat(count("SELECT count(*) FROM package")).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM (SELECT sha256 FROM library GROUP BY sha256 HAVING count(*) > 1) d")).isZero();
        assertThat(count("SELECT count(*) FROM package_library")).isEqualTo(count("SELECT count(DISTINCT (package_id, soname)) FROM package_library"));
        assertThat(count("SELECT count(*) FROM crawl_run")).isEqualTo(4);
        assertThat(partial).doesNotExist();
        assertThat(count("SELECT count(*) FROM crawl_run WHERE status = 'interrupted' AND finished_at IS NOT NULL")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM crawl_run WHERE status = 'running'")).isZero();
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private static String stanza(String name, String version, Path mirror, String file) throws IOException {
        Path f = mirror.resolve("pool/main/g").resolve(file);
        return "Package: " + name + "\nVersion: " + version + "\nArchitecture: amd64\nFilename: pool/main/g/" + file
                + "\nSize: " + Files.size(f) + "\nSHA256: " + Sha256.hex(Files.readAllBytes(f)) + "\n";
    }

    private static void writeUnsignedSuite(Path mirror, List<String> stanzas) throws IOException {
        Path dir = mirror.resolve("dists/bookworm");
        Files.createDirectories(dir.resolve("main/binary-amd64"));
        byte[] packages = String.join("\n", stanzas).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Files.write(dir.resolve("main/binary-amd64/Packages"), packages);
        Files.writeString(dir.resolve("Release"), """
                Origin: Test
                Suite: oldstable
                Version: 12.1
                Codename: bookworm
                Date: Sat, 10 Jun 2023 09:00:00 UTC
                Architectures: amd64
                Components: main
                SHA256:
                 %s %d main/binary-amd64/Packages
                """.formatted(Sha256.hex(packages), packages.length));
    }
}

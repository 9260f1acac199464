package org.distrocompat.crawler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.distrocompat.crawler.testing.BinutilsTool;
import org.distrocompat.crawler.testing.FixtureServer;
import org.distrocompat.crawler.testing.Fixtures;
import org.distrocompat.crawler.testing.RepoFixtures;
import org.distrocompat.db.Database;
import org.distrocompat.db.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crawls the Alpine fixture (an apk v2 mirror signed with a test RSA key, holding real musl and gcc runtime ELF
 * files) from a local HTTP server into a real PostgreSQL: what is stored is what nm and readelf say, the musl
 * version becomes the release's libc version, tampering anywhere in the chain is refused, a missing package fails
 * its cell only, and a rerun fetches nothing but the indices.
 */
class ApkCrawlTest {
    @TempDir
    Path tmp;

    private Database db;
    private final List<FixtureServer> servers = new ArrayList<>();

    @BeforeEach
    void database() {
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

    private CrawlRequest request(FixtureServer server, List<String> releases, List<String> arches) throws IOException {
        Path config = tmp.resolve("sources.json");
        Files.writeString(config, "{\"sources\": [{\"name\": \"alpine\", \"type\": \"apk\", "
                + "\"libraries\": [\"libatomic.so.1\"]}]}");
        return CrawlRequest.of("alpine").withMirror(server.url()).withSuites(releases).withArchitectures(arches)
                .withKeyrings(List.of(RepoFixtures.alpineKey())).withCacheDir(tmp.resolve("cache")).withConfig(config);
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
    void discoversEveryReleaseAndArchAndStoresMuslAsTheReleasesLibc() throws Exception {
        FixtureServer server = serve(RepoFixtures.alpine());
        CrawlSummary s = crawl(request(server, List.of(), List.of()));
        assertThat(s.errors()).isEmpty();
        assertThat(s.cells()).extracting(CrawlSummary.Cell::release, CrawlSummary.Cell::arch).containsExactlyInAnyOrder(
                tuple("3.15", "x86_64"), tuple("3.17", "x86_64"), tuple("3.17", "aarch64"), tuple("3.17", "armv7l"),
                tuple("3.17", "i686"), tuple("3.17", "ppc64le"), tuple("3.17", "s390x"), tuple("3.21", "riscv64"),
                tuple("3.24", "x86_64"), tuple("3.24", "loongarch64"), tuple("edge", "x86_64"));
        assertThat(s.cells()).allSatisfy(c -> assertThat(c.outcome()).isEqualTo(CellOutcome.UPDATED));

        List<Map<String, Object>> releases = db.jdbi().withHandle(h -> h.createQuery("""
                SELECT r.version, r.status, r.libc, r.libc_version FROM release r JOIN distro d ON d.id = r.distro_id
                WHERE d.name = 'alpine' ORDER BY r.version""").mapToMap().list());
        assertThat(releases).extracting(m -> m.get("version"), m -> m.get("status"), m -> m.get("libc"),
                m -> m.get("libc_version")).containsExactly(tuple("3.15", "supported", "musl", "1.2.2"),
                tuple("3.17", "supported", "musl", "1.2.3"), tuple("3.21", "supported", "musl", "1.2.5"),
                tuple("3.24", "supported", "musl", "1.2.6"), tuple("edge", "rolling", "musl", "1.2.6"));
        // musl's libc under both names the loader knows, and the gcc runtimes where the release has them
        assertThat(count("SELECT count(*) FROM package_library WHERE soname LIKE 'libc.musl-%'")).isEqualTo(11);
        assertThat(count("SELECT count(*) FROM package_library WHERE soname LIKE 'ld-musl-%'")).isEqualTo(11);
        assertThat(count("SELECT count(DISTINCT p.release_arch_id) FROM package_library pl JOIN package p "
                + "ON p.id = pl.package_id WHERE pl.soname IN ('libstdc++.so.6', 'libgcc_s.so.1', 'libatomic.so.1')"))
                .isEqualTo(4);
        // every library's ELF machine is its cell's
        assertThat(count("""
                SELECT count(*) FROM package p JOIN release_arch ra ON ra.id = p.release_arch_id
                JOIN package_library pl ON pl.package_id = p.id JOIN library l ON l.id = pl.library_id
                WHERE l.arch <> ra.arch""")).isZero();
        assertThat(count("SELECT count(*) FROM package WHERE name = 'libstdc++' AND source_name = 'gcc' "
                + "AND source_upstream_version IN ('12.2.0', '16.2.0')")).isEqualTo(4);
    }

    @Test
    void storesWhatNmAndReadelfSay() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/nm")), "binutils (nm, readelf) missing: skipping");
        FixtureServer server = serve(RepoFixtures.alpine());
        CrawlSummary s = crawl(request(server, List.of("v3.15", "v3.17", "v3.24"), List.of("x86_64", "aarch64")));
        assertThat(s.ok()).as(s.errors().toString()).isTrue();
        List<Map<String, Object>> libs = db.jdbi().withHandle(h -> h.createQuery("""
                SELECT DISTINCT p.url, pl.path, l.id FROM package p JOIN package_library pl ON pl.package_id = p.id
                JOIN library l ON l.id = pl.library_id""").mapToMap().list());
        assertThat(libs).hasSizeGreaterThanOrEqualTo(8);
        for (Map<String, Object> lib : libs) {
            String url = (String) lib.get("url");
            Path apk = RepoFixtures.alpine().resolve(url.substring(server.url().length() + 1));
            Path dir = Files.createTempDirectory(tmp, "x");
            BinutilsTool.run("tar", "-xzf", apk.toString(), "-C", dir.toString());
            Path file = dir.resolve(((String) lib.get("path")).substring(1));
            long id = ((Number) lib.get("id")).longValue();
            List<String> storedList = db.jdbi().withHandle(h -> h.createQuery("""
                    SELECT name || CASE WHEN version = '' THEN '' WHEN hidden THEN '@' || version ELSE '@@' || version END
                    FROM library_symbol WHERE library_id = :id""").bind("id", id).mapTo(String.class).list());
            Set<String> stored = new TreeSet<>(storedList);
            assertThat(stored).as(url + " " + lib.get("path")).isNotEmpty().isEqualTo(BinutilsTool.exports(file));
            List<String> defList = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT name FROM version_definition WHERE library_id = :id AND NOT is_base").bind("id", id)
                    .mapTo(String.class).list());
            Set<String> defs = new TreeSet<>(defList);
            assertThat(defs).as(url + " " + lib.get("path") + " version definitions")
                    .isEqualTo(BinutilsTool.versionDefinitions(file));
        }
        // musl 1.2.3 exports qsort_r, 1.2.2 does not: the fact the musl check relies on
        assertThat(count("""
                SELECT count(*) FROM library_symbol ls JOIN package_library pl ON pl.library_id = ls.library_id
                JOIN package p ON p.id = pl.package_id WHERE ls.name = 'qsort_r' AND p.name = 'musl'
                AND p.upstream_version = '1.2.2'""")).isZero();
        assertThat(count("""
                SELECT count(*) FROM library_symbol ls JOIN package_library pl ON pl.library_id = ls.library_id
                JOIN package p ON p.id = pl.package_id WHERE ls.name = 'qsort_r' AND p.name = 'musl'
                AND p.upstream_version = '1.2.3'""")).isGreaterThan(0);
    }

    @Test
    void rerunFetchesOnlyTheIndicesAndAChangedIndexOnlyNewPackages() throws Exception {
        FixtureServer server = serve(RepoFixtures.alpine());
        CrawlRequest r = request(server, List.of("v3.17"), List.of("x86_64"));
        assertThat(crawl(r).updated()).isEqualTo(1);
        server.clearRequests();
        CrawlSummary again = crawl(r);
        assertThat(again.unchanged()).isEqualTo(1);
        // the release's directory listing (which arches it has) and its index: no package
        assertThat(server.requests()).containsExactly("v3.17/main/", "v3.17/main/x86_64/APKINDEX.tar.gz");

        // v3.24's index differs: its musl and gcc packages are new, nothing else is fetched twice
        Path mirror = RepoFixtures.copy(RepoFixtures.alpine(), tmp.resolve("mirror"));
        Files.copy(mirror.resolve("v3.24/main/x86_64/APKINDEX.tar.gz"), mirror.resolve("v3.17/main/x86_64/APKINDEX.tar.gz"),
                StandardCopyOption.REPLACE_EXISTING);
        for (String f : List.of("musl-1.2.6-r0.apk", "libstdc++-16.2.0-r0.apk", "libgcc-16.2.0-r0.apk",
                "libatomic-16.2.0-r0.apk")) {
            Files.copy(mirror.resolve("v3.24/main/x86_64/" + f), mirror.resolve("v3.17/main/x86_64/" + f));
        }
        FixtureServer moved = serve(mirror);
        CrawlSummary changed = crawl(request(moved, List.of("v3.17"), List.of("x86_64")));
        assertThat(changed.updated()).isEqualTo(1);
        assertThat(moved.requests()).contains("v3.17/main/x86_64/musl-1.2.6-r0.apk")
                .doesNotContain("v3.17/main/x86_64/musl-1.2.3-r0.apk");
        assertThat(count("SELECT count(*) FROM package WHERE name = 'musl' AND NOT current")).isEqualTo(1);
        String libc = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT libc_version FROM release WHERE version = '3.17'").mapTo(String.class).one());
        assertThat(libc).isEqualTo("1.2.6");
    }

    @Test
    void aTamperedIndexIsRefusedAndNothingIsStored() throws Exception {
        Path mirror = RepoFixtures.copy(RepoFixtures.alpine(), tmp.resolve("mirror"));
        Fixtures.flipByte(mirror.resolve("v3.17/main/x86_64/APKINDEX.tar.gz"), -30);
        CrawlSummary s = crawl(request(serve(mirror), List.of("v3.17"), List.of("x86_64")));
        assertThat(s.ok()).isFalse();
        assertThat(s.errors()).singleElement().satisfies(p -> assertThat(p.message()).contains("APKINDEX.tar.gz"));
        assertThat(count("SELECT count(*) FROM package")).isZero();
    }

    @Test
    void anIndexByAnUnknownKeyIsRefused() throws Exception {
        Path otherKey = tmp.resolve("keys/other.rsa.pub");
        Files.createDirectories(otherKey.getParent());
        Files.copy(RepoFixtures.root().resolve("../crawler/src/main/resources/org/distrocompat/crawler/source/apk/keys/"
                + "alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub"), otherKey);
        CrawlSummary s = crawl(request(serve(RepoFixtures.alpine()), List.of("v3.17"), List.of("x86_64"))
                .withKeyrings(List.of(otherKey)));
        assertThat(s.errors()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("key distrocompat-test-5f0c1a2b.rsa.pub is not among").contains("index refused"));
        assertThat(count("SELECT count(*) FROM package")).isZero();
    }

    @Test
    void aTamperedPackageFailsItsCellWithTheReasonAndKeepsTheOthers() throws Exception {
        Path mirror = RepoFixtures.copy(RepoFixtures.alpine(), tmp.resolve("mirror"));
        Fixtures.flipByte(mirror.resolve("v3.17/main/x86_64/musl-1.2.3-r0.apk"), -100); // inside the data segment
        Fixtures.flipByte(mirror.resolve("v3.15/main/x86_64/libgcc-12.2.0-r0.apk"), 700); // inside the control segment
        CrawlSummary s = crawl(request(serve(mirror), List.of("v3.15", "v3.17"), List.of("x86_64", "aarch64")));
        assertThat(s.failed()).isEqualTo(2);
        assertThat(s.updated()).isEqualTo(1); // v3.17 aarch64
        assertThat(s.errors()).extracting(CrawlSummary.Problem::message).anySatisfy(m -> assertThat(m)
                .contains("musl-1.2.3-r0.apk").containsAnyOf("data segment SHA-256 differs", "damaged gzip"))
                .anySatisfy(m -> assertThat(m).contains("libgcc-12.2.0-r0.apk"));
        assertThat(count("SELECT count(*) FROM release_arch ra JOIN package p ON p.release_arch_id = ra.id "
                + "WHERE ra.arch = 'x86_64'")).isZero();
    }

    @Test
    void aPackageTheIndexListsButTheMirrorLacksFailsOnlyItsCell() throws Exception {
        FixtureServer server = serve(RepoFixtures.alpine());
        server.fail("v3.15/main/x86_64/libstdc++-12.2.0-r0.apk", 404);
        CrawlSummary s = crawl(request(server, List.of("v3.15", "v3.17"), List.of("x86_64")));
        assertThat(s.updated()).isEqualTo(1);
        assertThat(s.failed()).isEqualTo(1);
        assertThat(s.errors()).singleElement().satisfies(p -> assertThat(p.message()).contains("HTTP 404"));
        assertThat(count("SELECT count(*) FROM crawl_error WHERE message LIKE '%404%'")).isEqualTo(1);
    }

    @Test
    void aReleaseTheMirrorDoesNotServeIsReportedAndTheOthersAreCrawled() throws Exception {
        CrawlSummary s = crawl(request(serve(RepoFixtures.alpine()), List.of("v3.99", "v3.15"), List.of("x86_64")));
        assertThat(s.updated()).isEqualTo(1);
        assertThat(s.errors()).singleElement().satisfies(p -> {
            assertThat(p.scope()).isEqualTo("alpine v3.99 x86_64");
            assertThat(p.message()).contains("HTTP 404");
        });
    }
}

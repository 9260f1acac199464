package org.distrocompat.crawler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Crawls the Arch Linux fixture (packages made by makepkg, databases by repo-add, signed with a test OpenPGP key)
 * from a local HTTP server: the live mirror is "latest", each archive snapshot a dated release named as the
 * pep600_compliance records name Arch images, and what is stored is what readelf and nm say.
 */
class PacmanCrawlTest {
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

    private CrawlRequest request(FixtureServer server, List<String> releases) throws IOException {
        Path config = tmp.resolve("sources.json");
        Files.writeString(config, "{\"sources\": [{\"name\": \"arch\", \"distro\": \"archlinux\", \"type\": \"pacman\", "
                + "\"archive\": \"" + server.url() + "/archive\", \"dates\": [\"2019-10-06\", \"20191105\"], "
                + "\"libraries\": [\"libatomic.so.1\"]}]}");
        return CrawlRequest.of("arch").withMirror(server.url() + "/mirror").withSuites(releases)
                .withKeyrings(List.of(RepoFixtures.archKeyring())).withCacheDir(tmp.resolve("cache")).withConfig(config);
    }

    private CrawlSummary crawl(CrawlRequest r) {
        return new Crawler().crawl(db, r, CrawlProgress.NONE);
    }

    private long count(String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    @Test
    void theLiveMirrorAndEachSnapshotAreReleasesNamedAsThePep600Records() throws Exception {
        CrawlSummary s = crawl(request(serve(RepoFixtures.archlinux()), List.of()));
        assertThat(s.ok()).as(s.errors().toString()).isTrue();
        assertThat(s.cells()).extracting(CrawlSummary.Cell::release, CrawlSummary.Cell::arch, CrawlSummary.Cell::outcome)
                .containsExactly(tuple("latest", "x86_64", CellOutcome.UPDATED),
                        tuple("20191006", "x86_64", CellOutcome.UPDATED), tuple("20191105", "x86_64", CellOutcome.UPDATED));
        List<Map<String, Object>> releases = db.jdbi().withHandle(h -> h.createQuery("""
                SELECT d.name, d.display_name, r.version, r.status, r.libc, r.libc_version FROM release r
                JOIN distro d ON d.id = r.distro_id ORDER BY r.version""").mapToMap().list());
        assertThat(releases).extracting(m -> m.get("name"), m -> m.get("display_name"), m -> m.get("version"),
                m -> m.get("status"), m -> m.get("libc_version")).containsExactly(
                tuple("archlinux", "Arch Linux", "20191006", "rolling", "2.31"),
                tuple("archlinux", "Arch Linux", "20191105", "rolling", "2.31"),
                tuple("archlinux", "Arch Linux", "latest", "rolling", "2.31"));
        assertThat(count("SELECT count(*) FROM package WHERE name = 'gcc-libs' AND source_name = 'gcc' "
                + "AND source_upstream_version = '10.2.1'")).isEqualTo(3);
        // the same package files in three releases: stored once each
        assertThat(count("SELECT count(*) FROM library")).isEqualTo(6);
        for (String soname : List.of("libc.so.6", "libm.so.6", "ld-linux-x86-64.so.2", "libstdc++.so.6",
                "libgcc_s.so.1", "libatomic.so.1")) {
            assertThat(count("SELECT count(*) FROM package_library WHERE soname = '" + soname + "'")).as(soname)
                    .isEqualTo(3);
        }
    }

    @Test
    void storesWhatReadelfAndNmSay() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/readelf")), "binutils missing: skipping");
        FixtureServer server = serve(RepoFixtures.archlinux());
        assertThat(crawl(request(server, List.of("latest"))).ok()).isTrue();
        Path dir = tmp.resolve("x");
        Files.createDirectories(dir);
        for (String pkg : List.of("glibc-2.31-1-x86_64.pkg.tar.zst", "gcc-libs-10.2.1-1-x86_64.pkg.tar.zst")) {
            BinutilsTool.run("tar", "--zstd", "-xf", RepoFixtures.archlinux().resolve("mirror/core/os/x86_64/" + pkg)
                    .toString(), "-C", dir.toString());
        }
        List<Map<String, Object>> libs = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT pl.path, pl.library_id FROM package_library pl").mapToMap().list());
        assertThat(libs).hasSize(6);
        for (Map<String, Object> lib : libs) {
            Path file = dir.resolve(((String) lib.get("path")).substring(1));
            long id = ((Number) lib.get("library_id")).longValue();
            List<String> defList = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT name FROM version_definition WHERE library_id = :id AND NOT is_base").bind("id", id)
                    .mapTo(String.class).list());
            assertThat(new TreeSet<>(defList)).as(file.toString()).isEqualTo(BinutilsTool.versionDefinitions(file));
            List<String> symList = db.jdbi().withHandle(h -> h.createQuery("""
                    SELECT name || CASE WHEN version = '' THEN '' WHEN hidden THEN '@' || version ELSE '@@' || version END
                    FROM library_symbol WHERE library_id = :id""").bind("id", id).mapTo(String.class).list());
            Set<String> stored = new TreeSet<>(symList);
            assertThat(stored).as(file + " exports").isNotEmpty().isEqualTo(BinutilsTool.exports(file));
        }
    }

    @Test
    void anUnchangedDatabaseCostsOnlyItsOwnRequests() throws Exception {
        FixtureServer server = serve(RepoFixtures.archlinux());
        CrawlRequest r = request(server, List.of("latest"));
        assertThat(crawl(r).updated()).isEqualTo(1);
        server.clearRequests();
        CrawlSummary again = crawl(r);
        assertThat(again.unchanged()).isEqualTo(1);
        assertThat(server.requests()).containsExactly("mirror/core/os/x86_64/core.db", "mirror/core/os/x86_64/core.db.sig");

        // another snapshot with the same packages: its database is read, no package is downloaded again
        server.clearRequests();
        CrawlSummary snapshot = crawl(request(server, List.of("20191006")));
        assertThat(snapshot.updated()).isEqualTo(1);
        assertThat(server.requests()).noneMatch(p -> p.endsWith(".pkg.tar.zst"));
    }

    @Test
    void aTamperedPackageOrDatabaseIsRefused() throws Exception {
        Path mirror = RepoFixtures.copy(RepoFixtures.archlinux(), tmp.resolve("m"));
        Fixtures.flipByte(mirror.resolve("archive/repos/2019/10/06/core/os/x86_64/glibc-2.31-1-x86_64.pkg.tar.zst"), -50);
        Fixtures.flipByte(mirror.resolve("mirror/core/os/x86_64/core.db"), -20);
        CrawlSummary s = crawl(request(serve(mirror), List.of("latest", "20191006", "20191105")));
        assertThat(s.updated()).isEqualTo(1);
        assertThat(s.errors()).extracting(CrawlSummary.Problem::message)
                .anySatisfy(m -> assertThat(m).contains("core.db").contains("database refused"))
                .anySatisfy(m -> assertThat(m).contains("glibc-2.31-1-x86_64.pkg.tar.zst").contains("SHA256"));
        assertThat(count("SELECT count(*) FROM release")).isEqualTo(1);
    }

    @Test
    void aPackageSignedByAKeyOutsideTheKeyringIsRefused() throws Exception {
        Path debianKeys = Fixtures.keyring(); // skips without ../shared
        CrawlSummary s = crawl(request(serve(RepoFixtures.archlinux()), List.of("20191006"))
                .withKeyrings(List.of(debianKeys)));
        assertThat(s.errors()).singleElement().satisfies(p -> assertThat(p.message()).contains("not in keyring")
                .contains("package refused"));
        assertThat(count("SELECT count(*) FROM package")).isZero();
    }

    @Test
    void aMissingPackageFailsOnlyItsSnapshot() throws Exception {
        FixtureServer server = serve(RepoFixtures.archlinux());
        server.fail("archive/repos/2019/11/05/core/os/x86_64/gcc-libs-10.2.1-1-x86_64.pkg.tar.zst", 404);
        CrawlSummary s = crawl(request(server, List.of("20191105")));
        assertThat(s.failed()).isEqualTo(1);
        assertThat(s.errors()).singleElement().satisfies(p -> assertThat(p.message()).contains("HTTP 404"));
        assertThat(count("SELECT count(*) FROM crawl_run WHERE status = 'failed'")).isEqualTo(1);
    }

    @Test
    void aCrawledSnapshotSupersedesTheImportedRecordOfTheSameIdentity() throws Exception {
        Path record = Fixtures.shared().resolve("reference/pep600-cache/x86_64/archlinux-20191006.json");
        Path dataset = tmp.resolve("dataset/x86_64");
        Files.createDirectories(dataset);
        Files.copy(record, dataset.resolve(record.getFileName()));
        new Pep600Import(db).importDirectory(dataset.getParent());
        assertThat(crawl(request(serve(RepoFixtures.archlinux()), List.of("20191006"))).ok()).isTrue();
        assertThat(count("SELECT count(*) FROM release")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM release_arch_provenance WHERE provenance = 'crawled'")).isEqualTo(1);
    }
}

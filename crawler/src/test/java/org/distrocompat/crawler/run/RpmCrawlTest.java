package org.distrocompat.crawler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;
import org.distrocompat.crawler.archive.ExtractedLibrary;
import org.distrocompat.crawler.archive.LibrarySelector;
import org.distrocompat.crawler.archive.RpmReader;
import org.distrocompat.crawler.fetch.HttpFetcher;
import org.distrocompat.crawler.fetch.Sha256;
import org.distrocompat.crawler.testing.FixtureServer;
import org.distrocompat.crawler.testing.Fixtures;
import org.distrocompat.crawler.testing.ReadelfFacts;
import org.distrocompat.crawler.testing.RpmFixtures;
import org.distrocompat.db.Database;
import org.distrocompat.db.TestDatabase;
import org.distrocompat.db.query.ReleaseHistory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crawls the rpm-md fixture (a Fedora-like mirror built by rpmbuild, rpmsign and createrepo_c: base repo with a zstd
 * primary, updates repo, i686 multilib packages in the x86_64 repo) through the built-in "fedora" source into a real
 * PostgreSQL, and checks what is stored against readelf, the trust rules, the incremental rules and the pocket history.
 */
class RpmCrawlTest {
    private static final String GLIBC = RpmFixtures.BASE + "/Packages/g/glibc-2.36-9.fc40.x86_64.rpm";

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

    /** A copy of the fixture whose updates repository is the one before the update (empty) or after it. */
    private Path mirror(String name, boolean updated) throws IOException {
        Path m = RpmFixtures.copy(tmp.resolve(name));
        if (!updated) {
            PathUtils.deleteDirectory(m.resolve(RpmFixtures.UPDATES));
            PathUtils.copyDirectory(m.resolve(RpmFixtures.UPDATES_INITIAL), m.resolve(RpmFixtures.UPDATES));
        }
        return m;
    }

    private FixtureServer serve(Path root) throws IOException {
        FixtureServer s = FixtureServer.serve(root, "fedora");
        servers.add(s);
        return s;
    }

    private CrawlRequest request(FixtureServer server, String configJson) throws IOException {
        Path config = tmp.resolve("sources-" + Math.abs(configJson.hashCode()) + ".json");
        Files.writeString(config, configJson);
        return CrawlRequest.of("fedora").withMirror(server.url()).withSuites(List.of("40"))
                .withArchitectures(List.of("x86_64", "i686")).withKeyrings(List.of(RpmFixtures.keys()))
                .withCacheDir(tmp.resolve("cache")).withConfig(config).withAptDir(tmp.resolve("no-apt"));
    }

    private CrawlRequest request(FixtureServer server) throws IOException {
        return request(server, "{\"sources\": []}");
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
    void crawlsBaseAndUpdatesIntoOneCellPerArchAndStoresWhatReadelfSees() throws Exception {
        FixtureServer server = serve(mirror("m", true));
        long started = System.nanoTime();
        CrawlSummary s = crawl(request(server));
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(s.ok()).as(s.errors().toString()).isTrue();
        assertThat(s.cells()).extracting(CrawlSummary.Cell::arch, CrawlSummary.Cell::outcome)
                .containsExactlyInAnyOrder(tuple("x86_64", CellOutcome.UPDATED), tuple("i686", CellOutcome.UPDATED));
        System.out.printf("rpm-md fixture crawl: %.2f s, %d requests, %d bytes for %d cells%n", seconds, s.requests(),
                s.bytes(), s.cells().size());

        List<Map<String, Object>> packages = db.jdbi().withHandle(h -> h.createQuery("""
                SELECT ra.arch, p.name, p.version, p.upstream_version, p.source_name, p.source_upstream_version, p.pocket
                FROM package p JOIN release_arch ra ON ra.id = p.release_arch_id WHERE p.current
                ORDER BY ra.arch, p.name""").mapToMap().list());
        assertThat(packages).extracting(m -> m.get("arch"), m -> m.get("name"), m -> m.get("version"),
                m -> m.get("source_name"), m -> m.get("source_upstream_version"), m -> m.get("pocket")).containsExactly(
                tuple("i686", "glibc", "2.36-9.fc40", "glibc", "2.36", "releases"),
                tuple("i686", "libgcc", "12.2.1-4.fc40", "gcc", "12.2.1", "releases"),
                tuple("x86_64", "glibc", "2.36-9.fc40", "glibc", "2.36", "releases"),
                tuple("x86_64", "libgcc", "12.2.1-4.fc40", "gcc", "12.2.1", "releases"),
                tuple("x86_64", "libstdc++", "14.2.1-3.fc40", "gcc", "14.2.1", "updates"));
        List<String> releases = db.jdbi().withHandle(h -> h.createQuery("""
                SELECT d.name || ' ' || r.version || ' ' || r.libc_version || ' ' || r.status FROM release r
                JOIN distro d ON d.id = r.distro_id""").mapTo(String.class).list());
        assertThat(releases).containsExactly("fedora 40 2.36 supported");
        // the i686 cell holds 32-bit libraries (e_machine 3), the x86_64 cell 64-bit ones (62)
        assertThat(count("""
                SELECT count(*) FROM package p JOIN release_arch ra ON ra.id = p.release_arch_id
                JOIN package_library pl ON pl.package_id = p.id JOIN library l ON l.id = pl.library_id
                WHERE ra.arch <> l.arch""")).isZero();
        assertThat(count("SELECT count(DISTINCT machine) FROM library")).isEqualTo(2);

        // every stored library's version definitions and exported symbols are those readelf reads from the file
        assumeTrue(ReadelfFacts.available(), "no readelf: skipping the readelf comparison");
        int compared = 0;
        List<Path> rpms;
        try (Stream<Path> walk = Files.walk(RpmFixtures.root())) {
            rpms = walk.filter(p -> p.toString().endsWith(".rpm") && !p.toString().contains("libstdc++-12")
                    && !p.toString().contains("glibc-devel")).toList();
        }
        for (Path rpm : rpms) {
            List<ExtractedLibrary> libs;
            try (InputStream in = Files.newInputStream(rpm)) {
                libs = RpmReader.readLibraries(in, LibrarySelector.base(), RpmReader.HeaderCheck.NONE);
            }
            for (ExtractedLibrary lib : libs) {
                Path f = tmp.resolve(lib.soname());
                Files.write(f, lib.data());
                String sha = Sha256.hex(lib.data());
                List<String> definitions = db.jdbi().withHandle(h -> h.createQuery("""
                        SELECT vd.idx || ' ' || vd.name FROM version_definition vd JOIN library l ON l.id = vd.library_id
                        WHERE l.sha256 = :sha""").bind("sha", sha).mapTo(String.class).list());
                Set<String> stored = new TreeSet<>(definitions);
                assertThat(stored).as(rpm.getFileName() + " " + lib.soname()).isEqualTo(ReadelfFacts.definitions(f))
                        .isNotEmpty();
                List<String> exported = db.jdbi().withHandle(h -> h.createQuery("""
                        SELECT s.name || '@' || s.version FROM library_symbol s JOIN library l ON l.id = s.library_id
                        WHERE l.sha256 = :sha""").bind("sha", sha).mapTo(String.class).list());
                Set<String> symbols = new HashSet<>(exported);
                assertThat(symbols).as(rpm.getFileName() + " " + lib.soname()).isEqualTo(ReadelfFacts.exports(f));
                compared++;
            }
        }
        assertThat(compared).isEqualTo(10); // 5 x86_64 glibc libraries, ld.so + libc for i686, 2 libgcc_s, libstdc++
    }

    @Test
    void anUnchangedMirrorIsOnlyAskedForRepomdAndAnUpdateFetchesOnlyTheNewPackage() throws Exception {
        Path m = mirror("m", false);
        FixtureServer server = serve(m);
        assertThat(crawl(request(server)).updated()).isEqualTo(2);
        server.clearRequests();
        CrawlSummary again = crawl(request(server));
        assertThat(again.unchanged()).isEqualTo(2);
        assertThat(server.requests()).containsExactlyInAnyOrder(RpmFixtures.BASE + "/repodata/repomd.xml",
                RpmFixtures.UPDATES + "/repodata/repomd.xml");

        // the update lands: only the updates repo's primary and the new package are downloaded
        PathUtils.deleteDirectory(m.resolve(RpmFixtures.UPDATES));
        PathUtils.copyDirectory(RpmFixtures.root().resolve(RpmFixtures.UPDATES), m.resolve(RpmFixtures.UPDATES));
        server.clearRequests();
        CrawlSummary updated = crawl(request(server));
        assertThat(updated.ok()).as(updated.errors().toString()).isTrue();
        assertThat(updated.cells()).extracting(CrawlSummary.Cell::arch, CrawlSummary.Cell::outcome)
                .containsExactlyInAnyOrder(tuple("x86_64", CellOutcome.UPDATED), tuple("i686", CellOutcome.UPDATED));
        assertThat(server.requests()).filteredOn(p -> p.endsWith(".rpm"))
                .containsExactly(RpmFixtures.UPDATES + "/Packages/l/libstdc++-14.2.1-3.fc40.x86_64.rpm");
        assertThat(server.requests()).filteredOn(p -> p.contains("primary"))
                .allMatch(p -> p.startsWith(RpmFixtures.UPDATES));

        // pocket history: the release's libstdc++ stays as history, the update is current, from the updates repo
        List<Map<String, Object>> rows = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT version, pocket, current FROM package WHERE name = 'libstdc++' ORDER BY id").mapToMap().list());
        assertThat(rows).extracting(r -> r.get("version"), r -> r.get("pocket"), r -> r.get("current")).containsExactly(
                tuple("12.2.1-4.fc40", "releases", false), tuple("14.2.1-3.fc40", "updates", true));
        ReleaseHistory.ArchHistory x86 = new ReleaseHistory(db.jdbi()).of("fedora", "40", "x86_64").get(0);
        assertThat(x86.firstDefining("GLIBCXX_3.4.33")).hasValueSatisfying(o -> {
            assertThat(o.packageName()).isEqualTo("libstdc++");
            assertThat(o.version()).isEqualTo("14.2.1-3.fc40");
            assertThat(o.pocket()).isEqualTo("updates");
            assertThat(o.first()).isFalse();
            assertThat(o.gained()).contains("GLIBCXX_3.4.31", "GLIBCXX_3.4.32", "GLIBCXX_3.4.33");
        });
        assertThat(x86.firstDefining("GLIBCXX_3.4.30")).hasValueSatisfying(o -> assertThat(o.pocket())
                .isEqualTo("releases"));
    }

    @Test
    void tamperedRepomdPrimaryOrPackageIsRefusedAndNothingIsStored() throws Exception {
        String signedMetadata = "{\"sources\": [{\"name\": \"fedora\", \"repoGpgcheck\": true}]}";
        // repomd.xml changed after it was signed
        Path a = mirror("repomd", true);
        Path repomd = a.resolve(RpmFixtures.BASE + "/repodata/repomd.xml");
        Files.writeString(repomd, Files.readString(repomd).replace("<revision>1714000000</revision>",
                "<revision>1714000001</revision>"));
        CrawlSummary s1 = crawl(request(serve(a), signedMetadata));
        assertThat(s1.cells()).isEmpty();
        assertThat(s1.errors()).singleElement().satisfies(e -> {
            assertThat(e.scope()).isEqualTo("fedora 40 x86_64");
            assertThat(e.message()).contains("repomd.xml.asc", "no valid signature");
        });
        // without the signature check the same mirror is read (and the signature is what refused it)
        Path b = mirror("nosig", true);
        Files.delete(b.resolve(RpmFixtures.BASE + "/repodata/repomd.xml.asc"));
        CrawlSummary s2 = crawl(request(serve(b), signedMetadata));
        assertThat(s2.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("has no repomd.xml.asc"));

        // primary changed: its SHA256 is not the one repomd lists
        Path c = mirror("primary", true);
        try (Stream<Path> files = Files.list(c.resolve(RpmFixtures.BASE + "/repodata"))) {
            Fixtures.flipByte(files.filter(p -> p.toString().endsWith("primary.xml.zst")).findFirst().orElseThrow(), 100);
        }
        CrawlSummary s3 = crawl(request(serve(c)));
        assertThat(s3.failed()).isEqualTo(2);
        assertThat(s3.errors()).allSatisfy(e -> assertThat(e.message()).contains("SHA256"));

        // a package changed: its SHA256 is not the one primary lists
        Path d = mirror("package", true);
        Fixtures.flipByte(d.resolve(GLIBC), -3000);
        CrawlSummary s4 = crawl(request(serve(d)));
        assertThat(s4.cells()).extracting(CrawlSummary.Cell::arch, CrawlSummary.Cell::outcome)
                .containsExactlyInAnyOrder(tuple("x86_64", CellOutcome.FAILED), tuple("i686", CellOutcome.UPDATED));
        assertThat(s4.errors()).singleElement().satisfies(e -> {
            assertThat(e.message()).contains("SHA256");
            assertThat(e.url()).endsWith("glibc-2.36-9.fc40.x86_64.rpm");
        });
        assertThat(count("SELECT count(*) FROM release_arch ra JOIN package p ON p.release_arch_id = ra.id "
                + "WHERE ra.arch = 'x86_64'")).isZero();
        assertThat(Files.exists(tmp.resolve("cache/sha256/" + Sha256.hex(Files.readAllBytes(d.resolve(GLIBC)))
                .substring(0, 2)))).isFalse();

        // packages signed by keys the source does not trust (the built-in Fedora keyring) are refused
        db.jdbi().useHandle(h -> h.execute("TRUNCATE package, library, release_arch, release CASCADE"));
        CrawlSummary s5 = crawl(request(serve(mirror("keys", true))).withKeyrings(List.of()));
        assertThat(s5.failed()).isEqualTo(2);
        assertThat(s5.errors()).allSatisfy(e -> assertThat(e.message()).contains("header signature", "not in keyring"));
        assertThat(count("SELECT count(*) FROM package")).isZero();
        assertThat(count("SELECT count(*) FROM library")).isZero();
    }

    @Test
    void aPackageTheMirrorDoesNotServeFailsItsCellAndTheOtherCellIsStored() throws Exception {
        FixtureServer server = serve(mirror("m", true));
        server.fail(GLIBC, 404);
        CrawlSummary s = crawl(request(server));
        assertThat(s.status()).isEqualTo("partial");
        assertThat(s.errors()).singleElement().satisfies(e -> {
            assertThat(e.scope()).isEqualTo("fedora 40 x86_64");
            assertThat(e.message()).contains("HTTP 404");
        });
        assertThat(count("SELECT count(*) FROM crawl_error WHERE message LIKE '%404%'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM package p JOIN release_arch ra ON ra.id = p.release_arch_id "
                + "WHERE ra.arch = 'i686'")).isEqualTo(2);
        server.heal();
        CrawlSummary healed = crawl(request(server));
        assertThat(healed.ok()).isTrue();
        assertThat(healed.cells()).extracting(CrawlSummary.Cell::arch, CrawlSummary.Cell::outcome)
                .containsExactlyInAnyOrder(tuple("x86_64", CellOutcome.UPDATED), tuple("i686", CellOutcome.UNCHANGED));
    }

    @Test
    void aMirrorThatDoesNotAnswerIsOneLineForTheSource() throws Exception {
        FixtureServer gone = FixtureServer.serve(RpmFixtures.root(), "fedora");
        String url = gone.url();
        gone.close();
        CrawlRequest r = request(serve(RpmFixtures.root())).withMirror(url).withSuites(List.of("40", "41", "42"))
                .withArchitectures(List.of("x86_64", "aarch64"));
        CrawlSummary s = new Crawler(new HttpFetcher.Settings(Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofSeconds(2), 1, Duration.ofMillis(10))).crawl(db, r, CrawlProgress.NONE);
        assertThat(s.cells()).isEmpty();
        assertThat(s.status()).isEqualTo("failed");
        assertThat(s.errors()).singleElement().satisfies(e -> {
            assertThat(e.scope()).isEqualTo("fedora: mirror " + url + " unreachable");
            assertThat(e.message()).doesNotContain("\n");
        });
    }
}

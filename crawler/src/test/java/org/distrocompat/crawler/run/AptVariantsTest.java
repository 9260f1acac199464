package org.distrocompat.crawler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.io.file.PathUtils;
import org.distrocompat.crawler.fetch.Sha256;
import org.distrocompat.crawler.testing.FixtureServer;
import org.distrocompat.crawler.testing.Fixtures;
import org.distrocompat.db.Database;
import org.distrocompat.db.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The apt variants on re-signed subsets of the debian-mini fixture (built by build-apt-variants.sh): Ubuntu's two
 * layouts (archive for amd64, ports for arm64) with a release made of pockets, and an archive of retired releases
 * whose Release is past its Valid-Until and signed by a key that has expired since.
 */
class AptVariantsTest {
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

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(AptVariantsTest.class.getResource("/fixtures/apt-variants/" + name).toURI());
    }

    /** The fixture's signed metadata with debian-mini's .debs in pool/, as the Packages files name them. */
    private FixtureServer mirror() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("mirror"));
        for (String layout : List.of("ubuntu", "ubuntu-ports", "debian-archive")) {
            PathUtils.copyDirectory(fixture(layout), root.resolve(layout));
            PathUtils.copyDirectory(Fixtures.debianMini().resolve("pool"), root.resolve(layout).resolve("pool"));
        }
        FixtureServer s = FixtureServer.serve(root, "mirror");
        servers.add(s);
        return s;
    }

    private Path config(String json) throws IOException {
        Path f = tmp.resolve("sources-" + Sha256.hex(json.getBytes()).substring(0, 8) + ".json");
        Files.writeString(f, json);
        return f;
    }

    private CrawlSummary crawl(CrawlRequest r) {
        return new Crawler().crawl(db, r.withCacheDir(tmp.resolve("cache")).withAptDir(tmp.resolve("no-apt")),
                CrawlProgress.NONE);
    }

    @Test
    void ubuntuMergesItsPocketsOverBothLayoutsAndRecordsWhereEachPackageCameFrom() throws Exception {
        FixtureServer server = mirror();
        Path config = config("""
                {"sources": [{"name": "ubuntu", "suites": ["jammy"], "keyrings": ["%s"],
                  "mirrors": [{"url": "%s/ubuntu", "architectures": ["amd64"]},
                              {"url": "%s/ubuntu-ports", "architectures": ["arm64"]}]}]}"""
                .formatted(fixture("keys/apt-fixture-key.asc"), server.url(), server.url()));
        CrawlSummary s = crawl(CrawlRequest.of("ubuntu").withConfig(config));
        assertThat(s.ok()).as(s.errors().toString()).isTrue();
        assertThat(s.cells()).extracting(CrawlSummary.Cell::label, CrawlSummary.Cell::outcome).containsExactly(
                tuple("ubuntu 22.04 (jammy) x86_64", CellOutcome.UPDATED),
                tuple("ubuntu 22.04 (jammy) aarch64", CellOutcome.UPDATED));
        assertThat(s.cells().get(1).detail()).contains("pocket jammy-updates not served",
                "pocket jammy-security not served");

        List<Map<String, Object>> rows = db.jdbi().withHandle(h -> h.createQuery("""
                SELECT ra.arch, p.name, p.version, p.pocket FROM package p JOIN release_arch ra ON ra.id = p.release_arch_id
                WHERE p.current ORDER BY ra.arch, p.name""").mapToMap().list());
        assertThat(rows).extracting(r -> r.get("arch"), r -> r.get("name"), r -> r.get("version"), r -> r.get("pocket"))
                .containsExactly(
                        tuple("aarch64", "libc6", "2.41-12+deb13u5", "jammy"),
                        tuple("aarch64", "libgcc-s1", "14.2.0-19", "jammy"),
                        tuple("aarch64", "libstdc++6", "14.2.0-19", "jammy"),
                        tuple("x86_64", "libc6", "2.36-9+deb12u14", "jammy"),
                        tuple("x86_64", "libgcc-s1", "12.2.0-14+deb12u1ubuntu0.1", "jammy-updates"),
                        tuple("x86_64", "libstdc++6", "12.2.0-14+deb12u1", "jammy"));
        List<String> releases = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT version || ' ' || codename || ' ' || status FROM release").mapTo(String.class).list());
        assertThat(releases).containsExactly("22.04 jammy supported");

        // the update of jammy-updates was neither re-downloaded nor re-read on a rerun: nothing changed
        server.clearRequests();
        CrawlSummary again = crawl(CrawlRequest.of("ubuntu").withConfig(config));
        assertThat(again.unchanged()).isEqualTo(2);
        assertThat(server.requests()).noneMatch(p -> p.contains("/pool/") || p.contains("Packages"));
    }

    @Test
    void anArchivedSourceAcceptsAnExpiredReleaseSignedByAnExpiredKeyAndSaysSo() throws Exception {
        FixtureServer server = mirror();
        Path empty = config("{\"sources\": []}");
        CrawlRequest archived = CrawlRequest.of("debian-archive").withMirror(server.url() + "/debian-archive")
                .withSuites(List.of("stretch")).withKeyrings(List.of(fixture("keys/archive-fixture-key.asc")))
                .withConfig(empty);
        CrawlSummary s = crawl(archived);
        assertThat(s.ok()).as(s.errors().toString()).isTrue();
        assertThat(s.cells()).singleElement().satisfies(c -> {
            assertThat(c.label()).isEqualTo("debian 9 (stretch) x86_64");
            assertThat(c.outcome()).isEqualTo(CellOutcome.UPDATED);
            assertThat(c.detail()).contains("archived source: Release expired 2018-06-08 (Valid-Until) accepted");
        });
        List<String> status = db.jdbi().withHandle(h -> h.createQuery("SELECT status FROM release")
                .mapTo(String.class).list());
        assertThat(status).containsExactly("eol");

        // the same files through a source that is not marked archived: refused, in one line
        CrawlSummary refused = crawl(archived.withConfig(config("""
                {"sources": [{"name": "debian-archive", "archived": false}]}""")));
        assertThat(refused.cells()).isEmpty();
        assertThat(refused.errors()).singleElement().satisfies(e -> {
            assertThat(e.scope()).isEqualTo("debian-archive stretch");
            assertThat(e.message()).contains("expired since it signed", "archived").doesNotContain("\n");
        });
    }

    @Test
    void aReleasePastItsValidUntilIsRefusedUnlessTheSourceIsArchived() throws Exception {
        Path root = tmp.resolve("unsigned");
        PathUtils.copyDirectory(fixture("debian-archive"), root);
        PathUtils.copyDirectory(Fixtures.debianMini().resolve("pool"), root.resolve("pool"));
        Files.delete(root.resolve("dists/stretch/Release.gpg"));
        FixtureServer server = FixtureServer.serve(root, "debian");
        servers.add(server);
        CrawlRequest unsigned = CrawlRequest.of("debian").withMirror(server.url()).withSuites(List.of("stretch"))
                .withUnsigned(true).withConfig(config("{\"sources\": []}"));
        CrawlSummary refused = crawl(unsigned);
        assertThat(refused.errors()).singleElement().satisfies(e -> assertThat(e.message())
                .contains("expired on 2018-06-08 (Valid-Until)", "archived"));
        CrawlSummary accepted = crawl(unsigned.withConfig(config("{\"sources\": [{\"name\": \"debian\", "
                + "\"archived\": true}]}")));
        assertThat(accepted.ok()).as(accepted.errors().toString()).isTrue();
        assertThat(accepted.updated()).isEqualTo(1);
    }

    @Test
    void aHostMirrorIsTrustedAsTheHostsAptTrustsIt() throws Exception {
        // a frozen mirror, as CI machines and snapshot mirrors are: its Release is past its Valid-Until
        Path root = tmp.resolve("frozen");
        PathUtils.copyDirectory(fixture("debian-archive"), root);
        PathUtils.copyDirectory(Fixtures.debianMini().resolve("pool"), root.resolve("pool"));
        Files.delete(root.resolve("dists/stretch/Release.gpg"));
        FixtureServer server = FixtureServer.serve(root, "debian");
        servers.add(server);
        Path etcApt = Files.createDirectories(tmp.resolve("etc-apt/sources.list.d"));
        Files.writeString(etcApt.resolve("debian.sources"), """
                Types: deb
                URIs: %s/
                Suites: stretch
                Components: main
                """.formatted(server.url()));
        // the mirror comes from the host's apt sources (no URL in sources.json, none on the command line)
        CrawlRequest fromHost = CrawlRequest.of("debian").withSuites(List.of("stretch")).withUnsigned(true)
                .withConfig(config("{\"sources\": []}")).withCacheDir(tmp.resolve("cache"))
                .withAptDir(etcApt.getParent());
        CrawlSummary refused = new Crawler().crawl(db, fromHost, CrawlProgress.NONE);
        assertThat(refused.errors()).singleElement().satisfies(e -> assertThat(e.message())
                .contains("expired on 2018-06-08 (Valid-Until)", "Check-Valid-Until"));

        // the host's apt accepts it (Acquire::Check-Valid-Until "false"): so does the crawl, and it says so
        Path conf = Files.createDirectories(etcApt.getParent().resolve("apt.conf.d"));
        Files.writeString(conf.resolve("99frozen"), "Acquire::Check-Valid-Until \"false\";\n");
        CrawlSummary accepted = new Crawler().crawl(db, fromHost, CrawlProgress.NONE);
        assertThat(accepted.ok()).as(accepted.errors().toString()).isTrue();
        assertThat(accepted.cells()).singleElement().satisfies(c -> {
            assertThat(c.outcome()).isEqualTo(CellOutcome.UPDATED);
            assertThat(c.detail()).contains("Release expired 2018-06-08 (Valid-Until) accepted: Check-Valid-Until is off");
        });
        // the release is not taken for retired: only an archive of retired releases says that
        List<String> status = db.jdbi().withHandle(h -> h.createQuery("SELECT status FROM release")
                .mapTo(String.class).list());
        assertThat(status).doesNotContain("eol");

        // a mirror given explicitly is not the host's: its Valid-Until is checked unless sources.json says otherwise
        CrawlSummary explicit = crawl(fromHost.withMirror(server.url()));
        assertThat(explicit.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("Valid-Until"));
        CrawlSummary configured = crawl(fromHost.withConfig(config("""
                {"sources": [{"name": "debian", "mirrors": [{"url": "%s", "checkValidUntil": false}]}]}"""
                .formatted(server.url()))));
        assertThat(configured.ok()).as(configured.errors().toString()).isTrue();
    }
}

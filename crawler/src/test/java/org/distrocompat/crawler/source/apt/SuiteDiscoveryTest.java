package org.distrocompat.crawler.source.apt;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.distrocompat.crawler.fetch.ContentCache;
import org.distrocompat.crawler.fetch.HttpFetcher;
import org.distrocompat.crawler.testing.FixtureServer;
import org.distrocompat.crawler.testing.Fixtures;
import org.distrocompat.crawler.trust.Keyring;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteDiscoveryTest {
    @TempDir
    Path tmp;

    @Test
    void aliasesAndTheDirectoryListingGiveEachCodenameOnceAndTheResolutionIsRemembered() throws Exception {
        Path mirror = Fixtures.copyOfDebianMini(tmp.resolve("mirror"));
        // "oldstable" is an alias of bookworm here (a copy of its directory, as a symlink would serve it)
        Path alias = Files.createDirectories(mirror.resolve("dists/oldstable"));
        Files.copy(mirror.resolve("dists/bookworm/InRelease"), alias.resolve("InRelease"));
        Files.writeString(mirror.resolve("dists/index.html"), """
                <html><body><h1>Index of /debian/dists</h1><pre>
                <a href="../">../</a>
                <a href="bookworm/">bookworm/</a>    2026-07-11 10:16  -
                <a href="bookworm-updates/">bookworm-updates/</a>
                <a href="oldstable/">oldstable/</a>
                <a href="trixie/">trixie/</a>
                <a href="experimental/">experimental/</a>
                <a href="README">README</a>
                </pre></body></html>""");
        try (FixtureServer server = FixtureServer.serve(mirror);
                HttpFetcher fetcher = new HttpFetcher(new ContentCache(tmp.resolve("cache")), HttpFetcher.Settings.defaults())) {
            AptRepository repo = new AptRepository(URI.create(server.url()), fetcher,
                    Keyring.load(List.of(Fixtures.keyring())));
            // suite-like names only: no updates/backports/security suites, no files
            assertThat(repo.listSuites()).containsExactly("bookworm", "oldstable", "trixie", "experimental");
            Path state = tmp.resolve("state.json");
            List<String> aliases = List.of("oldoldstable", "oldstable", "stable");
            SuiteDiscovery.Result r = SuiteDiscovery.discover(repo, aliases, true, List.of("experimental"), state,
                    Duration.ofHours(1));
            // trixie's InRelease verifies; its detached Release.gpg does not matter (InRelease is preferred)
            assertThat(r.problems()).isEmpty();
            assertThat(r.suites()).extracting(SuiteDiscovery.Suite::path).containsExactly("bookworm", "trixie");
            assertThat(r.suites()).extracting(s -> s.release().codename()).containsExactly("bookworm", "trixie");
            assertThat(Files.exists(state)).isTrue();

            server.clearRequests();
            SuiteDiscovery.Result again = SuiteDiscovery.discover(repo, aliases, true, List.of("experimental"), state,
                    Duration.ofHours(1));
            assertThat(again.suites()).extracting(SuiteDiscovery.Suite::path).containsExactly("bookworm", "trixie");
            assertThat(server.requests()).containsExactlyInAnyOrder("dists/bookworm/InRelease", "dists/trixie/InRelease");
        }
    }
}

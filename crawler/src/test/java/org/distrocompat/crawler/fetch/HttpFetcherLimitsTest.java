package org.distrocompat.crawler.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a hostile or broken server can send: endless bodies (metadata and packages), bodies longer than announced,
 * redirect loops and redirects to other schemes; and what a damaged disk does to the cache.
 */
class HttpFetcherLimitsTest {
    private static final byte[] DEB = "a package body of known size and digest\n".repeat(100)
            .getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path tmp;
    private HttpServer server;
    private ExecutorService executor;
    private final AtomicInteger debRequests = new AtomicInteger();

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/endless", HttpFetcherLimitsTest::endless);
        server.createContext("/announced-huge", ex -> {
            ex.sendResponseHeaders(200, 10L << 30); // says 10 GiB, sends little
            try (OutputStream out = ex.getResponseBody()) {
                out.write(new byte[1024]);
            } catch (IOException ignored) {
                // the client hung up, as it should
            }
        });
        server.createContext("/deb", ex -> {
            debRequests.incrementAndGet();
            ex.sendResponseHeaders(200, DEB.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(DEB);
            }
        });
        server.createContext("/loop", ex -> redirect(ex, "/loop"));
        server.createContext("/to-file", ex -> redirect(ex, "file:///etc/passwd"));
        server.createContext("/hop", ex -> redirect(ex, "/deb"));
        executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void endless(HttpExchange ex) throws IOException {
        ex.sendResponseHeaders(200, 0); // chunked, no end
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = ex.getResponseBody()) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException ignored) {
            // the client hung up, as it should
        }
    }

    private static void redirect(HttpExchange ex, String location) throws IOException {
        ex.getResponseHeaders().add("Location", location);
        ex.sendResponseHeaders(302, -1);
        ex.close();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private HttpFetcher fetcher(long maxMetadataBytes) {
        HttpFetcher.Settings s = new HttpFetcher.Settings(Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(10), 2, Duration.ofMillis(10), maxMetadataBytes);
        return new HttpFetcher(new ContentCache(tmp.resolve("cache")), s);
    }

    @Test
    void anEndlessMetadataFileFailsAtTheConfiguredBound() {
        try (HttpFetcher f = fetcher(4 << 20)) {
            assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
                    assertThatThrownBy(() -> f.fetchBytes(uri("/endless/dists/sid/InRelease")))
                            .isInstanceOf(IntegrityException.class)
                            .hasMessageContaining("larger than the 4 MiB allowed for metadata"));
            assertThat(f.bytes()).isLessThanOrEqualTo((4 << 20) + 64 * 1024);
        }
    }

    @Test
    void aBoundAnnouncedTooLargeFailsBeforeReading() {
        try (HttpFetcher f = fetcher(1 << 20)) {
            assertThatThrownBy(() -> f.fetchBytes(uri("/announced-huge"))).isInstanceOf(IntegrityException.class)
                    .hasMessageContaining("the server announces 10737418240 bytes");
            assertThat(f.bytes()).isZero();
        }
    }

    @Test
    void anEndlessPackageStopsAtItsSignedSize() throws IOException {
        long size = 100_000;
        try (HttpFetcher f = fetcher(64 << 20)) {
            assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
                    assertThatThrownBy(() -> f.fetchVerified(uri("/endless/pool/x.deb"), "0".repeat(64), size))
                            .isInstanceOf(IntegrityException.class)
                            .hasMessageContaining("more than the 100000 bytes the signed index gives"));
            assertThat(f.bytes()).isLessThanOrEqualTo(size + 1);
        }
        try (var left = Files.walk(tmp.resolve("cache"))) {
            assertThat(left.filter(Files::isRegularFile)).as("nothing of it is kept").isEmpty();
        }
    }

    @Test
    void aDamagedCacheEntryIsCheckedAndFetchedAgain() throws IOException {
        String sha = Sha256.hex(DEB);
        try (HttpFetcher f = fetcher(1 << 20)) {
            Path cached = f.fetchVerified(uri("/deb"), sha, DEB.length);
            assertThat(debRequests.get()).isEqualTo(1);
            byte[] damaged = DEB.clone();
            damaged[10] ^= 0x20; // same size, one flipped bit: what the size check alone never noticed
            Files.write(cached, damaged);

            Path again = f.fetchVerified(uri("/deb"), sha, DEB.length);
            assertThat(debRequests.get()).isEqualTo(2);
            assertThat(Files.readAllBytes(again)).isEqualTo(DEB);

            f.fetchVerified(uri("/deb"), sha, DEB.length);
            assertThat(debRequests.get()).as("a sound entry is reused without a request").isEqualTo(2);
        }
    }

    @Test
    void redirectsAreFollowedOnlyWithinHttpAndNotForEver() throws IOException {
        try (HttpFetcher f = fetcher(1 << 20)) {
            assertThat(f.fetchBytes(uri("/hop"))).isEqualTo(DEB);
            assertThatThrownBy(() -> f.fetchBytes(uri("/loop"))).isInstanceOf(FetchException.class)
                    .hasMessageContaining("more than 5 redirects").hasMessageNotContaining("HTTP 302");
            assertThatThrownBy(() -> f.fetchBytes(uri("/to-file"))).isInstanceOf(FetchException.class)
                    .hasMessageContaining("redirected to file:///etc/passwd; only http and https redirects are followed");
        }
    }
}

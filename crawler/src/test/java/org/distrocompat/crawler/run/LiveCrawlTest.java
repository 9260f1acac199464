package org.distrocompat.crawler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.distrocompat.db.Database;
import org.distrocompat.db.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opt-in: crawls the real Debian archive named in this host's apt sources (every suite x arch it serves).
 * Run with {@code -Ddistrocompat.live=true} or {@code DISTROCOMPAT_LIVE=1}.
 */
class LiveCrawlTest {
    @TempDir
    Path tmp;

    @Test
    void crawlsTheHostsDebianMirrorThenRerunsCheaply() throws Exception {
        assumeTrue(Boolean.getBoolean("distrocompat.live") || "1".equals(System.getenv("DISTROCOMPAT_LIVE")),
                "live crawl is opt-in: -Ddistrocompat.live=true or DISTROCOMPAT_LIVE=1");
        Path config = tmp.resolve("sources.json");
        Files.writeString(config, "{\"sources\": []}");
        CrawlRequest request = CrawlRequest.of("debian").withConfig(config).withCacheDir(tmp.resolve("cache"));
        try (Database db = TestDatabase.fresh()) {
            CrawlSummary cold = new Crawler().crawl(db, request, CrawlProgress.NONE);
            assertThat(cold.updated()).as(cold.errors().toString()).isGreaterThanOrEqualTo(10);
            assertThat(cold.cells()).anySatisfy(c -> {
                assertThat(c.arch()).isEqualTo("x86_64");
                assertThat(c.outcome()).isEqualTo(CellOutcome.UPDATED);
            });
            // the faults a real mirror has (a package listed but not served, a suite's Release past its Valid-Until,
            // which apt refuses too) are recorded, not fatal
            assertThat(cold.errors()).allSatisfy(e -> assertThat(e.message()).containsAnyOf("HTTP 404", "Valid-Until"));
            long glibc = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM release WHERE libc_version IS NOT NULL").mapTo(Long.class).one());
            assertThat(glibc).isGreaterThanOrEqualTo(3);

            CrawlSummary rerun = new Crawler().crawl(db, request, CrawlProgress.NONE);
            assertThat(rerun.updated()).isZero();
            assertThat(rerun.unchanged()).isEqualTo(cold.updated() + cold.unchanged());
            assertThat(rerun.bytes()).isLessThan(1_000_000L + 20_000_000L * rerun.failed());
        }
    }
}

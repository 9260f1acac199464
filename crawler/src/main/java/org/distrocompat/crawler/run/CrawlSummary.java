package org.distrocompat.crawler.run;

import java.time.Duration;
import java.util.List;

/**
 * The result of a crawl.
 *
 * @param status   succeeded, partial (some cells failed) or failed (every cell failed or nothing could be crawled)
 * @param warnings what the run stored but someone should look at: a new package version that no longer defines a
 *                 version name its predecessor defined (binaries built against that name stop loading)
 */
public record CrawlSummary(long runId, String status, int updated, int unchanged, int failed, int requests, long bytes,
        Duration elapsed, List<Cell> cells, List<Problem> errors, List<Problem> warnings) {

    /** One release x arch. */
    public record Cell(String distro, String release, String codename, String suite, String arch, CellOutcome outcome,
            String detail) {
        public String label() {
            return distro + " " + release + (codename == null || codename.equals(release) ? "" : " (" + codename + ")")
                    + " " + arch;
        }
    }

    /** An error recorded for the crawl run. */
    public record Problem(String scope, String url, String message) {
    }

    public CrawlSummary {
        cells = List.copyOf(cells);
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    public boolean ok() {
        return failed == 0 && errors.isEmpty();
    }
}

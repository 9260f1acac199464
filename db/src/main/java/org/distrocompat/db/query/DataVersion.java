package org.distrocompat.db.query;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * A cheap fingerprint of the stored data, so a long-running reader (the HTTP server) can tell in one small query
 * whether anything it caches is stale: every crawl and import is a {@code crawl_run} row, every refresh of the
 * server publishes into {@code published_file}, release facts carry {@code updated_at}, and the release calendar
 * only grows (a changed date adds a {@code release_calendar_change} row). With it come the
 * run counters the server exports as metrics.
 *
 * @param fingerprint  changes whenever a run starts or finishes, a release or its calendar changes or a file is
 *                     published
 * @param runs         "kind/status" (e.g. "crawl/succeeded") -> number of crawl_run rows
 * @param lastFinished when the last crawl or import finished, or null
 */
public record DataVersion(String fingerprint, Map<String, Long> runs, Instant lastFinished) {

    /** Reads the current version of the data. */
    public static DataVersion read(Jdbi jdbi) {
        return jdbi.withHandle(h -> {
            String fingerprint = h.createQuery("""
                    SELECT concat_ws('/',
                        (SELECT coalesce(max(id), 0) FROM crawl_run),
                        (SELECT count(*) FROM crawl_run WHERE finished_at IS NOT NULL),
                        (SELECT max(updated_at) FROM release),
                        (SELECT count(*) FROM release_arch),
                        (SELECT max(published_at) FROM published_file),
                        (SELECT count(*) FROM release_calendar),
                        (SELECT count(*) FROM release_calendar_change))""")
                    .mapTo(String.class).one();
            Map<String, Long> runs = new LinkedHashMap<>();
            h.createQuery("SELECT kind, status, count(*) FROM crawl_run GROUP BY kind, status ORDER BY kind, status")
                    .map((rs, ctx) -> runs.put(rs.getString(1) + "/" + rs.getString(2), rs.getLong(3)))
                    .list();
            OffsetDateTime last = h.createQuery("SELECT max(finished_at) FROM crawl_run")
                    .mapTo(OffsetDateTime.class).one();
            return new DataVersion(fingerprint, Map.copyOf(runs), last == null ? null : last.toInstant());
        });
    }
}

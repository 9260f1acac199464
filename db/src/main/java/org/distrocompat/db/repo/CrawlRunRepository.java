package org.distrocompat.db.repo;

import java.util.List;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The statements behind {@link CrawlRuns}: crawl and import runs with their counters and errors. */
interface CrawlRunRepository {

    @SqlQuery("INSERT INTO crawl_run (kind, arguments) VALUES (:kind, :arguments) RETURNING id")
    long start(@Bind("kind") String kind, @Bind("arguments") String arguments);

    @SqlUpdate("""
            UPDATE crawl_run SET finished_at = now(), status = :status, cells_updated = :updated,
                   cells_unchanged = :unchanged, cells_failed = :failed, requests = :requests,
                   bytes_downloaded = :bytes
            WHERE id = :id""")
    void finish(@Bind("id") long id, @Bind("status") String status, @Bind("updated") int updated,
            @Bind("unchanged") int unchanged, @Bind("failed") int failed, @Bind("requests") int requests,
            @Bind("bytes") long bytes);

    @SqlUpdate("INSERT INTO crawl_error (crawl_run_id, scope, url, message) VALUES (:run, :scope, :url, :message)")
    void error(@Bind("run") long runId, @Bind("scope") String scope, @Bind("url") String url,
            @Bind("message") String message);

    @SqlQuery("SELECT id FROM crawl_run WHERE status = 'running'")
    List<Long> running();

    @SqlQuery("SELECT pg_advisory_lock(:ns, :id)::text")
    String lock(@Bind("ns") int namespace, @Bind("id") int id);

    @SqlQuery("SELECT pg_try_advisory_lock(:ns, :id)")
    boolean tryLock(@Bind("ns") int namespace, @Bind("id") int id);

    @SqlQuery("SELECT pg_advisory_unlock(:ns, :id)")
    boolean unlock(@Bind("ns") int namespace, @Bind("id") int id);

    @SqlUpdate("""
            UPDATE crawl_run SET status = 'interrupted', finished_at = coalesce(finished_at, now())
            WHERE id = :id AND status = 'running'""")
    void interrupted(@Bind("id") long id);
}

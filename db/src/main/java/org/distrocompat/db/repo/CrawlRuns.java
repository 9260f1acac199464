package org.distrocompat.db.repo;

import org.distrocompat.db.Database;
import org.distrocompat.db.model.RunStatus;
import org.jdbi.v3.core.Handle;

/**
 * Crawl and import runs: each is a row of {@code crawl_run} with its counters and errors, written outside the cells'
 * transactions so that a failing cell is still recorded. A crawl run holds a PostgreSQL advisory lock for its
 * lifetime (a {@link Lease}), so that a later run can tell a run whose process was killed (nobody holds its lock)
 * from one that is still going, and mark the former interrupted.
 */
public final class CrawlRuns {
    /** Namespace of the advisory locks that live runs hold (the second key is the run id). */
    private static final int LOCK_NAMESPACE = 0x44430001;

    private final Database db;

    public CrawlRuns(Database db) {
        this.db = db;
    }

    /** What a run does; mirrors the schema's CHECK on {@code crawl_run.kind}. */
    public enum Kind {
        CRAWL("crawl"),
        IMPORT("import");

        private final String dbName;

        Kind(String dbName) {
            this.dbName = dbName;
        }
    }

    /** The counters a run ends with. */
    public record Counters(int updated, int unchanged, int failed, int requests, long bytes) {
    }

    /**
     * Starts a run: first marks runs left 'running' by killed processes as interrupted, then records this one and
     * takes its lock. Close the lease when the run is over (finished or not).
     */
    public Lease start(Kind kind, String arguments) {
        Handle h = db.jdbi().open();
        try {
            CrawlRunRepository runs = h.attach(CrawlRunRepository.class);
            for (long id : runs.running()) {
                if (runs.tryLock(LOCK_NAMESPACE, (int) id)) {
                    runs.interrupted(id);
                    runs.unlock(LOCK_NAMESPACE, (int) id);
                }
            }
            long id = h.inTransaction(t -> {
                long created = t.attach(CrawlRunRepository.class).start(kind.dbName, arguments);
                t.attach(CrawlRunRepository.class).lock(LOCK_NAMESPACE, (int) created);
                return created;
            });
            return new Lease(h, id);
        } catch (RuntimeException e) {
            h.close();
            throw e;
        }
    }

    /** A live run: its id, its error log and its end. Thread-safe. */
    public final class Lease implements AutoCloseable {
        private final Handle lockHolder;
        private final long id;

        private Lease(Handle lockHolder, long id) {
            this.lockHolder = lockHolder;
            this.id = id;
        }

        public long id() {
            return id;
        }

        /** Records an error of the run; a failure to record it is ignored (the caller's summary still has it). */
        public void error(String scope, String url, String message) {
            try {
                db.jdbi().useExtension(CrawlRunRepository.class, r -> r.error(id, scope, url, message));
            } catch (RuntimeException ignored) {
                // the database may be going away
            }
        }

        public void finish(RunStatus status, Counters c) {
            db.jdbi().useExtension(CrawlRunRepository.class,
                    r -> r.finish(id, status.dbName(), c.updated(), c.unchanged(), c.failed(), c.requests(), c.bytes()));
        }

        /** Marks the run interrupted (a shutdown hook's last word); never throws. */
        public void interrupted() {
            try {
                db.jdbi().useExtension(CrawlRunRepository.class, r -> r.interrupted(id));
            } catch (RuntimeException ignored) {
                // the database may be going away too
            }
        }

        /** Releases the run's lock (its connection). */
        @Override
        public void close() {
            lockHolder.close();
        }
    }
}

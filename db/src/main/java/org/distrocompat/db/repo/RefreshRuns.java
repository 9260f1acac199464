package org.distrocompat.db.repo;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.distrocompat.db.Database;
import org.distrocompat.db.model.RunStatus;

/**
 * Executions of the server's scheduled refresh ({@code refresh_run}): which replica ran which scheduled time and
 * how it ended. The scheduler runs one execution of the refresh at a time across all replicas, so a row still
 * 'running' when a new execution starts belongs to a replica that died; it is marked interrupted then.
 */
public final class RefreshRuns {
    private final Database db;

    public RefreshRuns(Database db) {
        this.db = db;
    }

    /** Records the start of an execution (marking the ones left running by dead replicas); returns its id. */
    public long start(Instant scheduledFor, String replica) {
        return db.jdbi().inTransaction(h -> {
            h.createUpdate("""
                    UPDATE refresh_run SET status = 'interrupted', finished_at = now(),
                           message = 'the replica running it stopped before it finished'
                    WHERE status = 'running'""").execute();
            return h.createQuery("""
                    INSERT INTO refresh_run (scheduled_for, replica) VALUES (:at, :replica) RETURNING id""")
                    .bind("at", OffsetDateTime.ofInstant(scheduledFor, ZoneOffset.UTC))
                    .bind("replica", replica)
                    .mapTo(Long.class).one();
        });
    }

    /** Records how an execution ended. */
    public void finish(long id, RunStatus status, String message) {
        db.jdbi().useHandle(h -> h.createUpdate("""
                UPDATE refresh_run SET status = :status, finished_at = now(), message = :message WHERE id = :id""")
                .bind("status", status.dbName()).bind("message", message).bind("id", id).execute());
    }
}

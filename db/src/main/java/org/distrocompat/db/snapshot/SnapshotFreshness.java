package org.distrocompat.db.snapshot;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.distrocompat.db.Database;
import org.distrocompat.db.Home;
import org.jdbi.v3.core.Handle;

/**
 * Keeps the home's snapshot in step with its embedded database, also when a writer dies between its commit and
 * the snapshot's rewrite (a killed import, a killed server, a failed command that had written part of its data).
 *
 * <p>Two marks: the database's change counter ({@code data_change}, migration V8: one row per write transaction on
 * the release tables), which the snapshot's header records; and a file, {@link Home#snapshotUnconfirmed()}, present
 * while a process has the embedded database open. A process that closes the database compares the two counters and
 * rewrites the snapshot when they differ, then removes the file. A reader that finds the file while nobody holds
 * the home (its writer died) rebuilds the snapshot from the database before answering.
 */
public final class SnapshotFreshness {
    private SnapshotFreshness() {
    }

    /** The database's change counter: grows with every committed write to the release data. */
    public static long generation(Database db) {
        return db.jdbi().withHandle(SnapshotFreshness::generation);
    }

    static long generation(Handle h) {
        return h.createQuery("SELECT count(*) FROM data_change").mapTo(Long.class).one();
    }

    /** Called by a process that has just opened the home's embedded database (and holds its lock). */
    public static void opened(Home home) {
        try {
            Files.write(home.snapshotUnconfirmed(), new byte[0]);
        } catch (IOException ignored) {
            // without the mark a killed writer goes unnoticed until the next database user confirms; not fatal
        }
    }

    /**
     * Called before the embedded database closes: rewrites the snapshot when the database changed since it was
     * built, then removes the mark. Never throws: a failure leaves the mark, so the next reader rebuilds.
     */
    public static void confirm(Database db) {
        if (db.embeddedHome().isEmpty()) {
            return;
        }
        Home home = db.embeddedHome().get();
        try {
            if (ReleaseSnapshot.generationOf(home.snapshot()) != generation(db)) {
                ReleaseSnapshot.load(db).write(home.snapshot());
            }
            Files.deleteIfExists(home.snapshotUnconfirmed());
        } catch (IOException | RuntimeException ignored) {
            // the mark stays: the next reader rebuilds from the database
        }
    }

    /**
     * Whether the home's snapshot may be behind its database: a process had the database open and did not confirm,
     * and no process holds the home now (so it died). While a writer runs, its snapshot is the one to use: the
     * writer confirms when it ends.
     */
    public static boolean mayBeStale(Home home) {
        if (!Files.exists(home.snapshotUnconfirmed())) {
            return false;
        }
        Path lockFile = home.lockFile();
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = ch.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // this very process holds the home
        } catch (NoSuchFileException e) {
            return true; // no lock file to tell: rebuild to be safe
        } catch (IOException e) {
            return false; // a home this user cannot write: nothing to rebuild it with
        }
    }
}

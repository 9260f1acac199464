package org.distrocompat.api.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.distrocompat.db.Database;
import org.distrocompat.db.Home;
import org.distrocompat.db.snapshot.ReleaseSnapshot;
import org.distrocompat.db.snapshot.SnapshotFreshness;
import org.distrocompat.db.error.UserException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where read-only commands (check, pairings) get the release data without paying for a server start:
 * {@code --snapshot FILE} if given; with {@code --db} or {@code $DISTROCOMPAT_DB}, straight from that (already
 * running) server; otherwise the snapshot under {@code $DISTROCOMPAT_HOME} when it exists and is current, else the
 * embedded database is opened once, the snapshot built, written and used. A snapshot is not current when a process
 * that had the database open died before confirming it ({@link SnapshotFreshness}).
 */
final class ReleaseData {

    @Option(names = "--snapshot", paramLabel = "FILE",
            description = "read the release data from this snapshot file (default: $DISTROCOMPAT_HOME/snapshot.bin, "
                    + "or the database given by --db / $DISTROCOMPAT_DB)")
    Path snapshotFile;

    @Mixin
    DatabaseOptions database;

    /** True when the release data comes from the distrocompat home (no --snapshot, no external server). */
    boolean fromHome() {
        return snapshotFile == null && !database.external();
    }

    ReleaseSnapshot obtain(PrintWriter err) {
        if (snapshotFile != null) {
            try {
                return ReleaseSnapshot.read(snapshotFile);
            } catch (IOException e) {
                throw new UserException(e.getMessage());
            }
        }
        if (database.external()) {
            try (Database db = database.open()) {
                return ReleaseSnapshot.load(db);
            }
        }
        Home home = Home.current();
        Path file = home.snapshot();
        if (SnapshotFreshness.mayBeStale(home)) {
            err.println("distrocompat: a process that had the database open ended without updating the release "
                    + "snapshot; rebuilding it from the database");
        } else if (Files.isRegularFile(file)) {
            try {
                return ReleaseSnapshot.read(file);
            } catch (IOException e) {
                err.println("distrocompat: " + e.getMessage() + "; rebuilding it from the database");
            }
        }
        ReleaseSnapshot snapshot;
        try (Database db = database.open()) {
            snapshot = ReleaseSnapshot.load(db);
        }
        try {
            snapshot.write(file);
        } catch (IOException e) {
            err.println("distrocompat: cannot write the release snapshot " + file + ": " + e.getMessage());
        }
        return snapshot;
    }
}

package org.distrocompat.api.schedule;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;
import org.distrocompat.core.policy.PolicyPublisher;
import org.distrocompat.core.refresh.RefreshJob;
import org.distrocompat.db.Database;
import org.distrocompat.db.error.DistrocompatException;
import org.distrocompat.db.error.Messages;
import org.distrocompat.db.model.RunStatus;
import org.distrocompat.db.repo.PublishedFiles;
import org.distrocompat.db.repo.RefreshRuns;

/**
 * One execution of the scheduled refresh: records itself in {@code refresh_run}, runs the {@link RefreshJob}
 * (crawl, derive, check, publish into {@code outDir}), then stores every policy file of {@code outDir} and its diff
 * in the database ({@code published_file}), where every replica serves them from. A failed run is recorded and
 * reported; the previous published files stay.
 */
public final class ScheduledRefresh {
    private final Database db;
    private final RefreshJob job;
    private final Path outDir;
    private final String replica;
    private final PrintStream log;
    private final Consumer<String> outcomes;

    /**
     * @param outcomes told "succeeded" or "failed" after each run (the server's metrics)
     */
    public ScheduledRefresh(Database db, RefreshJob job, Path outDir, String replica, PrintStream log,
            Consumer<String> outcomes) {
        this.db = db;
        this.job = job;
        this.outDir = outDir;
        this.replica = replica;
        this.log = log;
        this.outcomes = outcomes;
    }

    /** Runs once for the execution scheduled at {@code scheduledFor}; never throws for a failed refresh. */
    public RunStatus run(Instant scheduledFor) {
        long id = new RefreshRuns(db).start(scheduledFor, replica);
        log.println("distrocompat: serve: refresh run " + id + " (scheduled for " + scheduledFor + ") on " + replica);
        log.flush();
        RunStatus status;
        String message;
        try {
            PrintWriter out = new PrintWriter(log, true);
            PolicyPublisher.Outcome o = job.run(db, out);
            int published = publish(id);
            status = RunStatus.SUCCEEDED;
            message = (o.changed() ? o.changes().size() + " change(s) to " : "unchanged ") + o.file().getFileName()
                    + "; " + published + " file(s) newly published";
        } catch (DistrocompatException | UncheckedIOException e) {
            status = RunStatus.FAILED;
            message = Messages.of(e);
        } catch (RuntimeException e) {
            status = RunStatus.FAILED;
            message = "internal error: " + Messages.of(e);
            e.printStackTrace(log);
        }
        new RefreshRuns(db).finish(id, status, message);
        log.println("distrocompat: serve: refresh run " + id + " " + status + ": " + message);
        log.flush();
        outcomes.accept(status.dbName());
        return status;
    }

    /** Stores the policy files and their diffs into the database; returns how many changed there. */
    private int publish(long runId) {
        PublishedFiles files = new PublishedFiles(db);
        int changed = 0;
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(outDir, "*-policy.json*")) {
            for (Path p : dir) {
                String name = p.getFileName().toString();
                if (name.endsWith(".json") || name.endsWith(".json.diff")) {
                    changed += files.put(name, Files.readAllBytes(p), runId) ? 1 : 0;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the published files in " + outDir + ": " + e.getMessage(), e);
        }
        return changed;
    }
}

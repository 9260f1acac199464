package org.distrocompat.api.http;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.distrocompat.core.check.WalkLimits;
import org.distrocompat.db.Database;
import org.distrocompat.db.error.Messages;
import org.distrocompat.db.query.DataVersion;

/**
 * Keeps the {@link ServedData} current: polls the data's fingerprint ({@link DataVersion}, one small query) every
 * {@code interval} and reloads everything when it changed — a crawl, an import, or a refresh run by any replica.
 * Requests never wait for the database on the hot paths; while the database is unreachable the last data keeps
 * being served and the failure is reported by {@code /readyz}.
 */
final class DataWatcher implements AutoCloseable {
    private final Database db;
    private final Optional<Path> homePolicyDir;
    private final WalkLimits limits;
    private final Duration interval;
    private final PrintStream log;
    private final AtomicReference<ServedData> current = new AtomicReference<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "distrocompat-data-watcher");
        t.setDaemon(true);
        return t;
    });
    private volatile DataVersion lastVersion;
    private volatile Instant lastPoll;
    private volatile String lastError;

    DataWatcher(Database db, Optional<Path> homePolicyDir, WalkLimits limits, Duration interval, PrintStream log) {
        this.db = db;
        this.homePolicyDir = homePolicyDir;
        this.limits = limits;
        this.interval = interval;
        this.log = log;
    }

    /** Loads the data once now (failures are reported, not thrown), then polls in the background. */
    void start() {
        poll();
        long ms = Math.max(100, interval.toMillis());
        timer.scheduleWithFixedDelay(this::poll, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Checks the fingerprint now and reloads when it changed; used by the timer and by tests. */
    synchronized void poll() {
        try {
            DataVersion v = DataVersion.read(db.jdbi());
            lastVersion = v;
            ServedData now = current.get();
            if (now == null || !now.version().fingerprint().equals(v.fingerprint())) {
                long t0 = System.nanoTime();
                current.set(ServedData.load(db, v, homePolicyDir, limits));
                log.printf("distrocompat: serve: %s in %d ms (%d release x arch cells)%n", now == null ? "data loaded"
                        : "data changed; reloaded", (System.nanoTime() - t0) / 1_000_000, current.get().catalog().size());
                log.flush();
            }
            lastPoll = Instant.now();
            lastError = null;
        } catch (RuntimeException e) {
            String message = Messages.of(e);
            if (!message.equals(lastError)) {
                log.println("distrocompat: serve: cannot read the database (" + message + "); serving the last data");
                log.flush();
            }
            lastError = message;
        }
    }

    /** The data requests read; null until the first load succeeded. */
    ServedData current() {
        return current.get();
    }

    DataVersion lastVersion() {
        return lastVersion;
    }

    Instant lastPoll() {
        return lastPoll;
    }

    /** The last poll's failure, or null when it succeeded. */
    String lastError() {
        return lastError;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

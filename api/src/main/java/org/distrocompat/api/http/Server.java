package org.distrocompat.api.http;

import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.distrocompat.api.schedule.RefreshPlan;
import org.distrocompat.api.schedule.RefreshScheduler;
import org.distrocompat.api.schedule.ScheduledRefresh;
import org.distrocompat.db.Database;
import org.distrocompat.db.Home;
import org.distrocompat.db.query.SessionRole;

/**
 * A running {@code distrocompat serve}: the data watcher, the HTTP API and, when asked, the scheduled refresh.
 * Requests read through {@code reader} (a pool that should log in as a role that can only read); the refresh and
 * migrations use the writer, which the caller opened. {@link #close()} shuts down gracefully: {@code /readyz} turns
 * 503 at once, requests in flight get up to {@code drainTimeout} to finish, the scheduler stops taking runs, then
 * the HTTP server and the data watcher stop. The caller closes the databases.
 */
public final class Server implements AutoCloseable {
    private final ServerOptions options;
    private final DataWatcher watcher;
    private final HttpMetrics metrics;
    private final AccessLog accessLog;
    private final HttpApi api;
    private final RefreshScheduler scheduler;
    private final Database schedulerPool;
    private final SessionRole role;
    private final PrintStream log;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean draining;

    private Server(ServerOptions options, Database writer, Database reader, RefreshPlan plan, PrintStream out,
            PrintStream err) {
        this.options = options;
        this.log = err;
        this.watcher = new DataWatcher(reader, writer.embeddedHome().map(Home::policyDir), options.walkLimits(),
                options.dataPoll(), err);
        this.metrics = new HttpMetrics(watcher::lastVersion);
        this.accessLog = options.accessLog() ? new AccessLog(out) : null;
        // the embedded database has one role; a server of its own should have two (README: serve, database roles)
        this.role = roleOf(reader, writer.embeddedHome().isEmpty() ? err : null);
        if (plan != null) {
            this.schedulerPool = writer.pooled("scheduler", 3, false);
            ScheduledRefresh refresh = new ScheduledRefresh(writer, plan.job(), plan.outDir(), plan.replica(), err,
                    metrics::refreshed);
            this.scheduler = new RefreshScheduler(schedulerPool, refresh, plan.every(), plan.heartbeat(),
                    plan.replica());
        } else {
            this.schedulerPool = null;
            this.scheduler = null;
        }
        this.api = new HttpApi(options, watcher::current, reader, options.mainstream(), metrics, this::readiness,
                accessLog, err);
    }

    /**
     * Starts serving: loads the data (a database that is down now is retried by the watcher), starts the scheduled
     * refresh when {@code plan} is given, then listens.
     *
     * @param writer the migrated database the caller opened: the refresh writes through it, and its embedded
     *               home's policy directory is served while no refresh has published into the database
     * @param reader what requests read through
     * @param plan   the scheduled refresh, or null for none
     */
    public static Server start(ServerOptions options, Database writer, Database reader, RefreshPlan plan,
            PrintStream out, PrintStream err) {
        Server s = new Server(options, writer, reader, plan, out, err);
        s.watcher.start();
        if (s.scheduler != null) {
            s.scheduler.start();
        }
        s.api.start();
        return s;
    }

    private static SessionRole roleOf(Database reader, PrintStream err) {
        try {
            SessionRole r = SessionRole.of(reader.jdbi());
            if (r.canWrite() && err != null) {
                err.println("distrocompat: serve: requests use role '" + r.user() + "', which can write"
                        + (r.readOnlySession() ? " (its sessions here are read-only)" : "")
                        + "; give a read-only role with --read-db (see the README, serve: database roles)");
            }
            return r;
        } catch (RuntimeException e) {
            return null; // unreachable now; the watcher reports it
        }
    }

    private OpsRoutes.Readiness readiness() {
        ServedData data = watcher.current();
        Map<String, Object> m = new LinkedHashMap<>();
        String state = draining ? "stopping" : data == null ? "starting" : "serving";
        m.put("state", state);
        m.put("data_version", data == null ? null : data.version().fingerprint());
        m.put("data_loaded_at", data == null ? null : data.loadedAt().toString());
        m.put("release_arch_cells", data == null ? null : data.catalog().size());
        Instant poll = watcher.lastPoll();
        m.put("database", watcher.lastError() == null ? "ok" : "unreachable: " + watcher.lastError());
        m.put("database_checked_at", poll == null ? null : poll.toString());
        if (role != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("user", role.user());
            r.put("can_write", role.canWrite());
            r.put("read_only_sessions", role.readOnlySession());
            m.put("request_role", r);
        }
        m.put("scheduler", scheduler == null ? null : scheduler.status());
        return new OpsRoutes.Readiness(!draining && data != null, m);
    }

    /** The port the server listens on. */
    public int port() {
        return api.port();
    }

    /** Every route registered, as "METHOD /path". */
    public List<String> routes() {
        return api.routes();
    }

    /** Reads the database's fingerprint now (tests; the watcher does it on its own every poll interval). */
    public void pollNow() {
        watcher.poll();
    }

    /** Blocks until {@link #close()} finished. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        if (draining) {
            return;
        }
        draining = true;
        long deadline = System.nanoTime() + options.drainTimeout().toNanos();
        // let requests in flight finish while load balancers see /readyz fail
        while (metrics.inFlight() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            if (scheduler != null) {
                scheduler.close();
                schedulerPool.close();
            }
        } finally {
            api.stop();
            watcher.close();
            if (accessLog != null) {
                accessLog.close();
            }
            log.println("distrocompat: serve: stopped");
            log.flush();
            stopped.countDown();
        }
    }
}

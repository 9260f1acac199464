package org.distrocompat.db.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import javax.sql.DataSource;
import org.distrocompat.db.DatabaseException;
import org.distrocompat.db.Home;
import org.distrocompat.db.error.DistrocompatException;
import org.distrocompat.db.error.Messages;

/**
 * The embedded PostgreSQL behind the default database. Its data directory persists under the
 * distrocompat home, so one run sees the data of the last.
 *
 * <p>One process at a time owns a home: an exclusive file lock is taken before the server starts and
 * held until it stops. A second process waits for the lock (saying so on stderr) and gives up with a
 * clear message after {@code DISTROCOMPAT_LOCK_WAIT} seconds (default 600). Because the lock dies with its
 * process, a server left running by a killed process is found (postmaster.pid) and stopped first — only when it
 * is provably this home's ({@link OrphanServer}). The binaries are unpacked and verified by {@link PgBinaries};
 * the output of initdb and the server goes to {@code $DISTROCOMPAT_HOME/postgres.log}, whose telling line a failed
 * start reports.
 */
public final class EmbeddedServer implements AutoCloseable {
    private static final String ENV_LOCK_WAIT = "DISTROCOMPAT_LOCK_WAIT";

    private final Path dataDirectory;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final EmbeddedPostgres postgres;

    private EmbeddedServer(Path dataDirectory, FileChannel lockChannel, FileLock lock, EmbeddedPostgres postgres) {
        this.dataDirectory = dataDirectory;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.postgres = postgres;
    }

    public static EmbeddedServer start(Home home) {
        return start(home, System.err, Duration.ofSeconds(lockWaitSeconds()));
    }

    public static EmbeddedServer start(Home home, PrintStream messages, Duration lockWait) {
        Path data = home.pgdata();
        FileChannel channel = null;
        FileLock lock = null;
        ServerLog log = null;
        try {
            channel = openLockFile(home);
            lock = acquire(channel, home.root(), messages, lockWait);
            writeOwner(channel);
            OrphanServer.stopIfOurs(data);
            PgBinaries binaries = PgBinaries.prepare(home.pgBinaries());
            log = ServerLog.open(home.root().resolve("postgres.log"));
            EmbeddedPostgres pg = binaries.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_connections", "50")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.file().toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.file().toFile()))
                    .start();
            binaries.afterStart();
            return new EmbeddedServer(data, channel, lock, pg);
        } catch (IOException | RuntimeException e) {
            release(lock, channel);
            if (e instanceof DistrocompatException de) {
                throw de;
            }
            String why = log == null ? describe(e) : log.lastProblem().map(l -> l + " (log: " + home.root()
                    .resolve("postgres.log") + ")").orElse(describe(e));
            throw new DistrocompatException("cannot start the embedded PostgreSQL in " + data + ": " + why, e);
        }
    }

    /**
     * Creates the home (private to the user) and opens its lock file. A home the user cannot write is bad input:
     * one line naming the cause and what to do.
     */
    private static FileChannel openLockFile(Home home) {
        Path root = home.root();
        try {
            SafePaths.createPrivate(root);
            return FileChannel.open(home.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
        } catch (IOException e) {
            throw new DatabaseException("cannot use the distrocompat home " + root + ": " + Messages.of(e)
                    + " (set " + Home.ENV + " to a directory you can write)", e);
        }
    }

    private static FileLock acquire(FileChannel channel, Path home, PrintStream messages, Duration wait)
            throws IOException {
        FileLock lock = tryLock(channel);
        if (lock != null) {
            return lock;
        }
        long waitSeconds = wait.toSeconds();
        String owner = readOwner(channel);
        messages.println("distrocompat: waiting for another distrocompat process" + owner + " using " + home
                + " (up to " + waitSeconds + " s; or use --db with a PostgreSQL server for concurrent use)");
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            lock = tryLock(channel);
            if (lock != null) {
                return lock;
            }
        }
        throw new DatabaseException("the embedded database in " + home + " is in use by another distrocompat process"
                + owner + "; gave up after " + waitSeconds + " s");
    }

    /** Null when another process (or another server in this JVM) holds the home. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static long lockWaitSeconds() {
        String env = System.getenv(ENV_LOCK_WAIT);
        try {
            return env == null ? 600 : Math.max(0, Long.parseLong(env.trim()));
        } catch (NumberFormatException e) {
            return 600;
        }
    }

    private static void writeOwner(FileChannel channel) throws IOException {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid())
                .getBytes(StandardCharsets.US_ASCII)), 0);
        channel.force(false);
    }

    private static String readOwner(FileChannel channel) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(32);
            int n = channel.read(buf, 0);
            String pid = n <= 0 ? "" : new String(buf.array(), 0, n, StandardCharsets.US_ASCII).trim();
            return pid.isEmpty() ? "" : " (pid " + pid + ")";
        } catch (IOException e) {
            return "";
        }
    }

    private static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return Messages.of(t);
    }

    private static void release(FileLock lock, FileChannel channel) {
        try {
            if (lock != null) {
                lock.release();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // the lock dies with the channel or the process anyway
        }
    }

    public DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    public EmbeddedPostgres postgres() {
        return postgres;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void close() throws IOException {
        try {
            postgres.close();
        } finally {
            release(lock, lockChannel);
        }
    }
}

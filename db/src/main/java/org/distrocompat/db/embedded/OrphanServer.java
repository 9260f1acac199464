package org.distrocompat.db.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A postmaster that a killed distrocompat process left running in the home's data directory. The home's lock is
 * ours, so no live distrocompat process owns that directory; but the PID in {@code postmaster.pid} may belong to
 * anything by now — another user's cluster, a system PostgreSQL, a reused PID. A process is stopped only when it
 * is provably this directory's server: a postgres process of the same user whose working directory (a
 * postmaster's is its data directory) is this data directory. Otherwise the file is merely stale and removed.
 */
final class OrphanServer {
    private OrphanServer() {
    }

    /** Stops the data directory's orphaned postmaster, if there is one; removes a stale postmaster.pid. */
    static void stopIfOurs(Path data) throws IOException {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.ISO_8859_1);
        Optional<ProcessHandle> process = lines.isEmpty() ? Optional.empty()
                : parsePid(lines.get(0)).flatMap(ProcessHandle::of);
        if (process.isPresent() && process.get().isAlive() && isServerOf(process.get(), data)) {
            ProcessHandle p = process.get();
            p.destroy(); // SIGTERM: PostgreSQL's "smart" shutdown; escalate below
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
        Files.deleteIfExists(pidFile);
    }

    /** Whether {@code p} is a postgres process of this user serving {@code data}; false when that cannot be told. */
    static boolean isServerOf(ProcessHandle p, Path data) {
        Path proc = Path.of("/proc", Long.toString(p.pid()));
        try {
            int owner = (Integer) Files.getAttribute(proc, "unix:uid");
            boolean postgres = p.info().command().map(c -> c.contains("postgres")).orElse(false);
            return owner == SafePaths.currentUid() && postgres
                    && Files.isSameFile(proc.resolve("cwd").toRealPath(), data.toRealPath());
        } catch (IOException | RuntimeException e) {
            return false; // not ours to see (another user's process), gone, or no /proc: leave it alone
        }
    }

    private static Optional<Long> parsePid(String s) {
        try {
            return Optional.of(Long.parseLong(s.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}

package org.distrocompat.db.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.distrocompat.db.Database;
import org.distrocompat.db.DatabaseException;
import org.distrocompat.db.Home;
import org.distrocompat.db.TestDatabase;
import org.distrocompat.db.TestHomes;
import org.distrocompat.db.error.DistrocompatException;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server against a hostile-but-fair environment: a stale postmaster.pid naming somebody else's server,
 * binaries another user could replace, a disk that filled up while unpacking, an initdb that fails.
 */
class EmbeddedHardeningTest {
    @TempDir
    Path tmp;

    private static EmbeddedServer start(Path home) throws Exception {
        if (!Files.exists(home.resolve("pg-binaries"))) {
            TestHomes.withBinaries(home); // unpacked once per user, copied per home
        }
        return EmbeddedServer.start(new Home(home), System.err, Duration.ofSeconds(5));
    }

    /** A home whose server was started and stopped once: binaries unpacked, cluster created. */
    private Path startedOnce() throws Exception {
        Path home = tmp.resolve("home");
        try (EmbeddedServer server = start(home)) {
            assertThat(server.dataDirectory()).exists();
        }
        return home;
    }

    /** The unpacked binaries of a home ({@code pg-binaries/PG-<md5>}). */
    private static Path binaries(Path home) throws Exception {
        try (Stream<Path> dirs = Files.list(home.resolve("pg-binaries"))) {
            return dirs.filter(p -> p.getFileName().toString().startsWith("PG-")).findFirst().orElseThrow();
        }
    }

    private static int selectOne(EmbeddedServer server) {
        return Jdbi.create(server.dataSource()).withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
    }

    /** The postmaster PID of the tests' own embedded server: an unrelated cluster, as far as a home is concerned. */
    private static String otherServersPid() throws Exception {
        Assumptions.assumeTrue(TestDatabase.kind().equals("embedded PostgreSQL"), "needs the embedded test server");
        try (Database db = TestDatabase.fresh()) {
            String dataDir = db.jdbi().withHandle(h -> h.createQuery("SHOW data_directory").mapTo(String.class).one());
            return Files.readAllLines(Path.of(dataDir, "postmaster.pid"), StandardCharsets.US_ASCII).get(0).trim();
        }
    }

    @Test
    void aStalePidFileNamingAnotherClusterDoesNotStopIt() throws Exception {
        String pid = otherServersPid();
        Path home = tmp.resolve("home");
        Files.createDirectories(home.resolve("pgdata"));
        Files.writeString(home.resolve("pgdata/postmaster.pid"), pid + "\n");

        try (EmbeddedServer server = start(home)) {
            assertThat(selectOne(server)).isEqualTo(1);
        }
        assertThat(ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive)).contains(true);
        try (Database other = TestDatabase.fresh()) {
            int one = other.jdbi().withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
            assertThat(one).isEqualTo(1);
        }
    }

    @Test
    void anOrphanedServerOfTheHomeItselfIsStoppedAndReplaced() throws Exception {
        Path home = tmp.resolve("home");
        try (EmbeddedServer first = start(home)) {
            assertThat(first.dataDirectory()).exists();
        }
        // a server on the home's data directory that no distrocompat process owns: what a killed process leaves
        Path pgCtl = PgBinaries.prepare(home.resolve("pg-binaries")).directory().resolve("bin/pg_ctl");
        List<String> command = new ArrayList<>();
        if (SafePaths.currentUid() == 0) {
            command.addAll(List.of("unshare", "-U")); // PostgreSQL refuses to run as root; zonky does the same
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        command.addAll(List.of(pgCtl.toString(), "-D", home.resolve("pgdata").toString(), "-o", "-p " + port + " -F",
                "-w", "start"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("orphan.log").toFile()).start();
        assertThat(p.waitFor()).as("pg_ctl start: " + Files.readString(tmp.resolve("orphan.log"))).isZero();
        long orphanPid = Long.parseLong(Files.readAllLines(home.resolve("pgdata/postmaster.pid")).get(0).trim());
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).contains(true);
        try (EmbeddedServer second = start(home)) {
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(selectOne(second)).isEqualTo(1);
        } finally {
            ProcessHandle.of(orphanPid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void theHomeIsPrivateAndNothingInItIsWritableByOthers() throws Exception {
        Path home = startedOnce();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("pg-binaries"))))
                .isEqualTo("rwx------");
        try (Stream<Path> all = Files.walk(home.resolve("pg-binaries"))) {
            List<String> writable = all.filter(p -> !Files.isSymbolicLink(p)).filter(p -> {
                try {
                    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
                    return perms.contains(PosixFilePermission.GROUP_WRITE)
                            || perms.contains(PosixFilePermission.OTHERS_WRITE);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).map(Path::toString).toList();
            assertThat(writable).as("files and directories others could replace").isEmpty();
        }
    }

    @Test
    void binariesInADirectoryOthersCanWriteAreRefusedInOneLine() throws Exception {
        Path home = startedOnce();
        Path bin = binaries(home).resolve("bin");
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> start(home)).isInstanceOf(DatabaseException.class)
                .hasMessageContaining("is writable by other users")
                .hasMessageContaining(bin.toString())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aBinaryTruncatedByAFullDiskIsUnpackedAgain() throws Exception {
        Path home = startedOnce();
        Path postgres = binaries(home).resolve("bin/postgres");
        long size = Files.size(postgres);
        try (RandomAccessFile f = new RandomAccessFile(postgres.toFile(), "rw")) {
            f.setLength(size / 3); // what ENOSPC half-way through the unpacking left behind, "done" marker and all
        }
        try (EmbeddedServer server = start(home)) {
            assertThat(selectOne(server)).isEqualTo(1);
        }
        assertThat(Files.size(postgres)).isEqualTo(size);
    }

    @Test
    void anUnpackingThatDidNotFinishIsNeverUsed() throws Exception {
        Path dir = tmp.resolve("bins");
        PgBinaries done = PgBinaries.prepare(dir);
        Path bins = done.directory();
        Files.delete(bins.resolve(PgBinaries.MANIFEST)); // the manifest is written last: without it, nothing counts
        assertThat(PgBinaries.verify(bins)).contains("did not finish");
        assertThat(PgBinaries.verify(PgBinaries.prepare(dir).directory())).isNull();
    }

    @Test
    void aFailingInitdbSaysWhyInOneLine() throws Exception {
        Path home = tmp.resolve("home");
        Files.createDirectories(home.resolve("pgdata"));
        Files.writeString(home.resolve("pgdata/stray-file"), "not a cluster"); // initdb refuses a non-empty directory
        assertThatThrownBy(() -> start(home)).isInstanceOf(DistrocompatException.class)
                .hasMessageContaining("exists but is not empty")
                .hasMessageNotContaining("Process [")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}

package org.distrocompat.api.cli;

import org.distrocompat.api.json.Json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.distrocompat.core.check.TestElf;
import org.distrocompat.core.refresh.RefreshJob;
import org.distrocompat.db.Database;
import org.distrocompat.db.DatabaseUrl;
import org.distrocompat.db.Home;
import org.distrocompat.db.Migrations;
import org.distrocompat.db.TestDatabase;
import org.distrocompat.db.TestHomes;
import org.distrocompat.db.model.Arch;
import org.distrocompat.db.model.Libc;
import org.distrocompat.db.model.ReleaseStatus;
import org.distrocompat.db.repo.ImportedCellFacts;
import org.distrocompat.db.repo.ImportedCells;
import org.distrocompat.db.snapshot.ReleaseSnapshot;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import picocli.CommandLine;

/** The probe of issue 14 against the commands: each case once ended in a hang, a wrong answer or an unclear line. */
class HardeningCommandTest {
    @TempDir
    Path tmp;

    @AfterEach
    void noHome() {
        System.clearProperty(Home.PROPERTY);
    }

    private Path emptySnapshot() throws Exception {
        Path s = tmp.resolve("snapshot.bin");
        new ReleaseSnapshot(Instant.now(), "test", List.of()).write(s);
        return s;
    }

    /** A fresh database holding one glibc 2.17 release: enough to derive a policy from. */
    private static String oneCellDatabase() {
        String url = TestDatabase.freshUrl();
        try (Database db = Database.external(DatabaseUrl.parse(url))) {
            Migrations.migrate(db.dataSource());
            cell(db, "oldos", "7", "2.17", List.of("GLIBC_2.17"));
        }
        return url;
    }

    private static void cell(Database db, String distro, String release, String glibc, List<String> names) {
        ImportedCells cells = new ImportedCells(db);
        int source = cells.source(Map.of(distro, distro), "pep600_compliance", "/data");
        cells.write(new ImportedCellFacts(distro, release, ReleaseStatus.SUPPORTED, Libc.GLIBC, glibc, Arch.X86_64,
                String.format("%064x", release.hashCode() & 0xffffffffL), null, new TreeSet<>(List.of("GLIBC")),
                names, Map.of()), source, "pep600_compliance", null);
    }

    @Test
    void elfOnAFifoAnswersAtOnceInsteadOfWaitingForAWriter() throws Exception {
        Path fifo = tmp.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        CliRunner r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> CliRunner.run("elf", fifo.toString()));
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().strip()).isEqualTo("distrocompat: elf: " + fifo + ": not a regular file (a pipe, FIFO, "
                + "device or socket): elf reads files; save the data to a file first");
    }

    @Test
    void anAbsurdGlibcVersionIsOutOfRangeNotAJavaParseError() {
        CliRunner r = CliRunner.run("tags", "--glibc", "2.999999999999", "--arch", "x86_64");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("out of range").doesNotContain("For input string");
        assertThat(CliRunner.run("tags", "--glibc", "2.1000", "--arch", "x86_64").err()).contains("out of range");
        assertThat(CliRunner.run("tags", "--glibc", "2.31", "--arch", "x86_64").exitCode()).isZero();
    }

    @Test
    void anEmptyDbOptionIsRefused() throws Exception {
        System.setProperty(Home.PROPERTY, tmp.resolve("untouched-home").toString());
        CliRunner r = CliRunner.run("check", "--db", "", emptySnapshot().toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).startsWith("distrocompat: check: --db is empty");
        assertThat(tmp.resolve("untouched-home")).doesNotExist();
    }

    @Test
    void aBinaryThatNeedsNoLibrariesSaysSoInFull() throws Exception {
        Path so = Files.write(tmp.resolve("static.so"), TestElf.x86_64().bytes());
        CliRunner r = CliRunner.run("check", "--snapshot", emptySnapshot().toString(), so.toString());
        assertThat(r.out()).contains("needs:         no libraries from the system").doesNotContain("from \n");
    }

    @Test
    void anEmptySnapshotFileIsNamedAndExplained() throws Exception {
        Path empty = Files.createFile(tmp.resolve("empty.bin"));
        Path so = Files.write(tmp.resolve("x.so"), TestElf.x86_64().bytes());
        CliRunner r = CliRunner.run("check", "--snapshot", empty.toString(), so.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().strip()).isEqualTo("distrocompat: check: cannot read release snapshot " + empty
                + ": it is empty or truncated");
    }

    @Test
    void aFileNameTheJvmCannotDecodeIsExplained() throws Exception {
        // what the JVM makes of the argument "caf\xe9.whl" (Latin-1): in a UTF-8 locale a name with a replacement
        // character that names no file; in the C locale a name it cannot represent at all
        String arg = tmp + "/caf\uFFFD.whl";
        CliRunner r = CliRunner.run("check", "--snapshot", emptySnapshot().toString(), arg);
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        if (System.getProperty("sun.jnu.encoding", "").toUpperCase(Locale.ROOT).contains("UTF")) {
            assertThat(r.err()).contains("no such file or directory: the name holds bytes that are not valid")
                    .contains("rename the file");
        } else {
            assertThat(r.err()).contains("cannot represent").contains("LC_ALL=C.UTF-8");
        }
        // a name no file name can be, in any locale (NUL)
        CliRunner bad = CliRunner.run("check", "--snapshot", emptySnapshot().toString(), "caf\u0000.whl");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err()).contains("the file name").contains("cannot represent").doesNotContain("InvalidPathException");
        // the same through check's plain form (no options: it skips picocli), which is what most users type
        CliRunner plain = CliRunner.run("check", "caf\u0000.whl");
        assertThat(plain.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(plain.err().strip()).startsWith("distrocompat: check: the file name").contains("cannot represent")
                .doesNotContain("internal error");
    }

    @Test
    void policyOutNeverReplacesAFifoOrALink() throws Exception {
        String url = oneCellDatabase();
        Path fifo = tmp.resolve("out.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        CliRunner r = CliRunner.run("policy", "--db", url, "--out", fifo.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("exists and is not a regular file");
        assertThat(Files.isRegularFile(fifo)).isFalse();

        Path target = Files.writeString(tmp.resolve("system-file"), "keep");
        Path link = Files.createSymbolicLink(tmp.resolve("policy.json"), target);
        CliRunner l = CliRunner.run("policy", "--db", url, "--out", link.toString());
        assertThat(l.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(target)).isEqualTo("keep");
    }

    @Test
    void aRefreshThatCannotPublishIsAnErrorNotAnAnswer() throws Exception {
        String url = oneCellDatabase();
        Path dir = Files.createDirectories(tmp.resolve("published"));
        Path fifo = dir.resolve(RefreshJob.POLICY_FILE);
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        CliRunner r = CliRunner.run("refresh", "--no-crawl", "--db", url, "--out-dir", dir.toString());
        // exit 1 means "the run had failures"; a target that is not a file is the user's to fix: 2
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().strip()).startsWith("distrocompat: refresh: cannot publish into").contains("not a regular file");
        assertThat(Files.isRegularFile(fifo)).isFalse();

        // an empty database has nothing to derive from: the environment's, not an answer
        CliRunner empty = CliRunner.run("refresh", "--no-crawl", "--db", TestDatabase.freshUrl(), "--out-dir",
                tmp.resolve("other").toString());
        assertThat(empty.exitCode()).as(empty.err()).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(empty.err()).contains("no mainstream glibc release");
    }

    @Test
    void aServerInRecoveryIsTheEnvironmentNotABugToReport() {
        PSQLException recovering = new PSQLException(new ServerErrorMessage(
                "SFATAL\0C57P03\0Mthe database system is in recovery mode\0"));
        Exception fromJdbi = new UnableToExecuteStatementException(recovering, null);
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new Main());
        cmd.setErr(new PrintWriter(err, true));
        int code = new ErrorHandler().handleExecutionException(fromJdbi, cmd, null);
        assertThat(code).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(err.toString()).startsWith("distrocompat: the database failed: the database system is in recovery "
                + "mode").doesNotContain("please report");
    }

    @Test
    void aSnapshotLeftBehindByAKilledWriterIsRebuiltBeforeAnswering() throws Exception {
        Home home = TestHomes.withBinaries(tmp.resolve("home"));
        System.setProperty(Home.PROPERTY, home.root().toString());
        try (Database db = Database.embedded(home)) {
            Migrations.migrate(db.dataSource());
            cell(db, "oldos", "7", "2.17", List.of("GLIBC_2.17"));
            ReleaseSnapshot.refreshSnapshot(db);
        }
        byte[] before = Files.readAllBytes(home.snapshot());
        try (Database db = Database.embedded(home)) {
            cell(db, "newos", "8", "2.28", List.of("GLIBC_2.17", "GLIBC_2.28")); // committed, no snapshot refresh
        }
        // closing the database compared the change counters and brought the snapshot up to date
        assertThat(ReleaseSnapshot.read(home.snapshot()).cells()).extracting(c -> c.distro() + "-" + c.release())
                .containsExactly("newos-8", "oldos-7");

        // a writer killed between its commit and the snapshot: the old snapshot and the mark stay behind
        Files.write(home.snapshot(), before);
        Files.createFile(home.snapshotUnconfirmed());
        CliRunner r = CliRunner.run("pairings", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("rebuilding it from the database");
        assertThat(Json.MAPPER.readTree(r.out()).get("releases")).extracting(n -> n.get("distro").asText())
                .containsExactlyInAnyOrder("newos", "oldos");
        assertThat(home.snapshotUnconfirmed()).doesNotExist();
        CliRunner again = CliRunner.run("pairings", "--json");
        assertThat(again.err()).as("the next reader just reads").isEmpty();
    }
}

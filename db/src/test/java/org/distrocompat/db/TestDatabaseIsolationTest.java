package org.distrocompat.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tests' embedded server keeps to the user's own directories: zonky's default, {@code <tmpdir>/embedded-pg},
 * belongs to whichever user ran the tests first on a machine, and a second user's {@code mvn test} failed there.
 */
class TestDatabaseIsolationTest {

    /** Started in a JVM of its own by the test below: opens a test database and says which server it got. */
    public static final class Start {
        public static void main(String[] args) {
            try (Database db = TestDatabase.fresh()) {
                System.out.println(TestDatabase.kind());
            }
            System.exit(0);
        }
    }

    @Test
    void theEmbeddedTestServerUsesNothingSharedInTheTemporaryDirectory(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(TestDatabase.kind().equals("embedded PostgreSQL"), "only the embedded server unpacks");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path out = tmp.resolve("out.txt");
        Process p = new ProcessBuilder(java, "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                Start.class.getName()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(out)).isZero();
        assertThat(Files.readString(out)).contains("embedded PostgreSQL");
        assertThat(tmp.resolve("embedded-pg")).as("zonky's shared working directory").doesNotExist();
    }
}

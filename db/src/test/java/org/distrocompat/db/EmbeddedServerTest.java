package org.distrocompat.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import org.distrocompat.db.embedded.EmbeddedServer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default database: data persists across starts; a second user of the same home waits, then says why. */
class EmbeddedServerTest {

    @TempDir
    Path home;

    @Test
    void dataPersistsAndASecondOwnerIsTurnedAwayClearly() throws Exception {
        TestHomes.withBinaries(home);
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        try (EmbeddedServer first = EmbeddedServer.start(new Home(home), new PrintStream(messages), Duration.ofSeconds(1))) {
            Migrations.migrate(first.dataSource());
            Jdbi.create(first.dataSource()).useHandle(h -> h.execute(
                    "INSERT INTO distro (name, display_name) VALUES ('debian', 'Debian')"));

            assertThatThrownBy(() -> EmbeddedServer.start(new Home(home), new PrintStream(messages), Duration.ofSeconds(1)))
                    .isInstanceOf(DatabaseException.class)
                    .hasMessageContaining("in use by another distrocompat process");
            assertThat(messages.toString()).contains("waiting for another distrocompat process");
        }
        try (EmbeddedServer second = EmbeddedServer.start(new Home(home), System.err, Duration.ofSeconds(1))) {
            Migrations.migrate(second.dataSource());
            String name = Jdbi.create(second.dataSource()).withHandle(h -> h.createQuery(
                    "SELECT display_name FROM distro WHERE name = 'debian'").mapTo(String.class).one());
            assertThat(name).isEqualTo("Debian");
        }
    }
}

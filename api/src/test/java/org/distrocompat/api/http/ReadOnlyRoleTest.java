package org.distrocompat.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.distrocompat.core.check.Fixtures;
import org.distrocompat.db.Database;
import org.distrocompat.db.DatabaseUrl;
import org.distrocompat.db.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * The two roles of a server on its own PostgreSQL: the writer migrates and refreshes, the reader answers requests
 * and can do nothing else. The reader role is created here as the README tells an operator to create it.
 */
class ReadOnlyRoleTest {

    @Test
    void requestsAreAnsweredThroughARoleThatCannotWrite() throws Exception {
        Fixtures.shared();
        String url = TestDatabase.freshUrl();
        String role = "dc_reader_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100_000;
        try (Database writer = Database.open(url)) {
            Fixtures.storeReleases(writer);
            String dbName = writer.jdbi().withHandle(h -> h.createQuery("SELECT current_database()")
                    .mapTo(String.class).one());
            writer.jdbi().useHandle(h -> {
                h.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'reader-secret'");
                h.execute("GRANT CONNECT ON DATABASE " + dbName + " TO " + role);
                h.execute("GRANT USAGE ON SCHEMA public TO " + role);
                h.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role);
            });
            String readerUrl = url.replaceAll("user=[^&]*", "user=" + role).replaceAll("&?password=[^&]*", "")
                    + "&password=reader-secret";
            Database reader = Database.external(DatabaseUrl.parse(readerUrl)).pooled("read", 2, true);
            try (TestServer server = new TestServer(writer, reader, ServerOptions.loopback(), null)) {
                assertThat(TestServer.json(server.get("/api/releases"))).hasSize(5);
                assertThat(server.get("/api/releases/debian/12").statusCode()).isEqualTo(200);
                JsonNode ready = TestServer.json(server.get("/readyz"));
                assertThat(ready.get("request_role").get("user").asText()).isEqualTo(role);
                assertThat(ready.get("request_role").get("can_write").asBoolean()).isFalse();
                assertThat(server.log()).doesNotContain("which can write");
                // even a session that turns read-only off cannot write as this role
                assertThatThrownBy(() -> reader.jdbi().useHandle(h -> {
                    h.execute("SET default_transaction_read_only = off");
                    h.execute("INSERT INTO distro (name, display_name) VALUES ('evil', 'Evil')");
                })).hasMessageContaining("permission denied");
            }
            // the writer's role answering requests works (in read-only sessions), and the server says so
            try (TestServer server = new TestServer(writer, ServerOptions.loopback(), null)) {
                assertThat(server.log()).contains("which can write").contains("--read-db");
                assertThat(TestServer.json(server.get("/readyz")).get("request_role").get("read_only_sessions")
                        .asBoolean()).isTrue();
            }
        }
    }
}

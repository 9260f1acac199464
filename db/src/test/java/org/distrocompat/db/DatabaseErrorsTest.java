package org.distrocompat.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.AccessDeniedException;
import java.sql.SQLException;
import java.util.Optional;
import org.distrocompat.db.error.Messages;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;

/** Database failures that used to surface as internals ("please report", Flyway's first line, a bare path). */
class DatabaseErrorsTest {

    @Test
    void anEmptyDbOptionIsBadInputNotTheEmbeddedDatabase() {
        assertThatThrownBy(() -> Database.open("")).isInstanceOf(DatabaseException.class)
                .hasMessageStartingWith("--db is empty");
        assertThatThrownBy(() -> Database.open("  ")).isInstanceOf(DatabaseException.class)
                .hasMessageStartingWith("--db is empty");
    }

    @Test
    void aRoleWithoutCreateSaysWhatItLacks() {
        String url = TestDatabase.freshUrl();
        DatabaseUrl parsed = DatabaseUrl.parse(url);
        String role = "dc_nocreate_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100000;
        try (Database admin = Database.external(parsed)) {
            boolean mayCreateRoles = admin.jdbi().withHandle(h -> h.createQuery(
                    "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user")
                    .mapTo(Boolean.class).one());
            Assumptions.assumeTrue(mayCreateRoles, "needs a role that may create roles");
            admin.jdbi().useHandle(h -> {
                h.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'pw'");
                h.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
            });
        }
        String asRole = url.replaceAll("([?&])user=[^&]*", "$1user=" + role).replaceAll("([?&])password=[^&]*", "")
                + (url.contains("?") ? "&" : "?") + "password=pw";
        assertThatThrownBy(() -> Migrations.migrate(Database.external(DatabaseUrl.parse(asRole)).dataSource()))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("permission denied for schema public")
                .hasMessageContaining("GRANT CREATE ON SCHEMA public")
                .hasMessageNotContaining("Failed to execute");
    }

    @Test
    void aServerThatGoesAwayIsTheEnvironmentsFaultInOneLine() {
        try (Database db = TestDatabase.fresh()) {
            Optional<String> why;
            try (Handle h = db.jdbi().open()) {
                // what a crash, a fast shutdown or an administrator does to a session
                int pid = h.createQuery("SELECT pg_backend_pid()").mapTo(Integer.class).one();
                try (Handle other = db.jdbi().open()) {
                    other.createQuery("SELECT pg_terminate_backend(" + pid + ")").mapTo(Boolean.class).one();
                }
                RuntimeException failure = null;
                try {
                    h.createQuery("SELECT 1").mapTo(Integer.class).one();
                } catch (RuntimeException e) {
                    failure = e;
                }
                assertThat(failure).isNotNull();
                why = DatabaseFaults.describe(failure);
            }
            assertThat(why).hasValueSatisfying(m -> assertThat(m).startsWith("the database failed: ").doesNotContain("\n"));
        }
    }

    @Test
    void aServerInRecoveryIsExplained() {
        SQLException recovering = new PSQLException(new ServerErrorMessage(
                "SFATAL\0C57P03\0Mthe database system is in recovery mode\0"));
        assertThat(DatabaseFaults.describe(new RuntimeException("wrapped", recovering))).hasValueSatisfying(m ->
                assertThat(m).startsWith("the database failed: the database system is in recovery mode")
                        .contains("recovering"));
        assertThat(DatabaseFaults.describe(new PSQLException("syntax", PSQLState.SYNTAX_ERROR))).isEmpty();
    }

    @Test
    void aFileErrorWithoutAReasonNamesItsKind() {
        assertThat(Messages.of(new AccessDeniedException("/home/x/.local/share/distrocompat/lock")))
                .isEqualTo("/home/x/.local/share/distrocompat/lock: permission denied");
    }
}

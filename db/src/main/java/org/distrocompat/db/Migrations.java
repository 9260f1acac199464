package org.distrocompat.db;

import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.distrocompat.db.error.DistrocompatException;
import org.distrocompat.db.error.Messages;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/** Applies the SQL migrations packaged from the repository's migrations/ directory. */
public final class Migrations {
    /** SQLSTATE insufficient_privilege. */
    private static final String NO_PRIVILEGE = "42501";

    private Migrations() {
    }

    public static void migrate(DataSource ds) {
        try {
            Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/migration")
                    .loggers("slf4j")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            Optional<String> environment = DatabaseFaults.describe(e);
            if (environment.isPresent()) {
                throw new DistrocompatException("schema migration failed: " + environment.get(), e);
            }
            // Flyway's own first line ("Migration V1__schema.sql failed", "Failed to execute script") hides the cause
            Optional<SQLException> sql = sqlCause(e);
            String why = sql.map(s -> Messages.of(s).replaceFirst("^ERROR: ", "")).orElse(Messages.firstLine(e.getMessage()));
            String hint = sql.filter(s -> NO_PRIVILEGE.equals(s.getSQLState())).isPresent()
                    ? " (the role needs to create tables: GRANT CREATE ON SCHEMA public TO it, or use a database it owns)"
                    : "";
            throw new DatabaseException("schema migration failed: " + why + hint, e);
        }
    }

    private static Optional<SQLException> sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}

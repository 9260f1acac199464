package org.distrocompat.db;

import javax.sql.DataSource;
import org.distrocompat.db.error.Messages;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/** Applies the SQL migrations packaged from the repository's migrations/ directory. */
public final class Migrations {
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
            throw new DatabaseException("schema migration failed: " + Messages.firstLine(e.getMessage()), e);
        }
    }
}

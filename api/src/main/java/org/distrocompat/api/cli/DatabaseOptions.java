package org.distrocompat.api.cli;

import org.distrocompat.core.refresh.FirstUse;
import org.distrocompat.db.Database;
import picocli.CommandLine.Option;

/** {@code --db URL}, shared by every command that reads or writes the database. */
final class DatabaseOptions {

    @Option(names = "--db", paramLabel = "URL",
            description = "PostgreSQL to use: jdbc:postgresql://host:port/db or postgresql://user:pass@host:port/db "
                    + "(default: $DISTROCOMPAT_DB, else the embedded database under $DISTROCOMPAT_HOME)")
    String url;

    /**
     * Opens (and migrates) the chosen database; on first use it gets the release calendar, and an empty home also the
     * shipped baseline data ({@link FirstUse}).
     */
    public Database open() {
        Database db = Database.open(url);
        try {
            FirstUse.ensure(db, !external());
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    public String url() {
        return url;
    }

    /**
     * True when a server was named (--db or $DISTROCOMPAT_DB) rather than the embedded home database; an empty
     * {@code --db ""} counts as named, so that opening it says it is empty instead of using the home silently.
     */
    public boolean external() {
        String env = System.getenv(Database.ENV_URL);
        return url != null || env != null && !env.isBlank();
    }
}

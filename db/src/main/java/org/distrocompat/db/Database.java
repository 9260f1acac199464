package org.distrocompat.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.distrocompat.db.embedded.EmbeddedServer;
import org.distrocompat.db.error.Messages;
import org.distrocompat.db.snapshot.SnapshotFreshness;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * An open, migrated distrocompat database: an external PostgreSQL given by URL, or the embedded one
 * whose data directory lives under the distrocompat home. Close it to stop the embedded server.
 */
public final class Database implements AutoCloseable {
    public static final String ENV_URL = "DISTROCOMPAT_DB";

    private final DataSource dataSource;
    private final Jdbi jdbi;
    private final String description;
    private final AutoCloseable owned;
    private final Home embeddedHome;
    /** A schema that could not be migrated has no change counter to confirm the snapshot with. */
    private boolean migrationFailed;

    private Database(DataSource dataSource, String description, AutoCloseable owned, Home embeddedHome) {
        this.dataSource = dataSource;
        this.embeddedHome = embeddedHome;
        this.description = description;
        this.owned = owned;
        this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
    }

    /**
     * Opens the database the user chose: {@code url} if given, else {@code $DISTROCOMPAT_DB}, else the
     * embedded server under {@link Home#current()}. Runs pending migrations. A URL given but empty ({@code --db ""})
     * is bad input, not a request for the embedded database.
     */
    public static Database open(String url) {
        if (url != null && url.isBlank()) {
            throw new DatabaseException("--db is empty: give a PostgreSQL URL (jdbc:postgresql://host/db or "
                    + "postgresql://user@host/db), or leave --db out for the embedded database");
        }
        String chosen = url != null ? url : System.getenv(ENV_URL);
        Database db = chosen != null && !chosen.isBlank() ? external(DatabaseUrl.parse(chosen)) : embedded(Home.current());
        try {
            Migrations.migrate(db.dataSource);
        } catch (RuntimeException e) {
            db.migrationFailed = true;
            db.close();
            throw e;
        }
        return db;
    }

    /** Connects to an external PostgreSQL; fails with one clear line when it cannot be reached. */
    public static Database external(DatabaseUrl url) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url.jdbcUrl());
        if (url.user() != null) {
            ds.setUser(url.user());
        }
        if (url.password() != null) {
            ds.setPassword(url.password());
        }
        ds.setConnectTimeout(10);
        ds.setApplicationName("distrocompat");
        try (Connection c = ds.getConnection()) {
            c.isValid(5);
        } catch (SQLException e) {
            throw new DatabaseException("cannot connect to " + DatabaseUrl.redact(url.jdbcUrl()) + ": "
                    + Messages.firstLine(e.getMessage()));
        }
        return new Database(ds, DatabaseUrl.redact(url.jdbcUrl()), null, null);
    }

    /**
     * Starts (or waits for) the embedded server whose data persists under {@code home}. Until it is closed, the home
     * is marked as possibly changed ({@link SnapshotFreshness}); closing brings the snapshot up to date.
     */
    public static Database embedded(Home home) {
        EmbeddedServer server = EmbeddedServer.start(home);
        SnapshotFreshness.opened(home);
        return new Database(server.dataSource(), "embedded PostgreSQL in " + server.dataDirectory(), server, home);
    }

    /** Wraps an already running server (used by tests that create one database per test). */
    public static Database of(DataSource ds, String description, AutoCloseable owned) {
        Migrations.migrate(ds);
        return new Database(ds, description, owned, null);
    }

    /**
     * A pool of at most {@code maxConnections} connections to this database, for a long-running server whose
     * threads query it concurrently. With {@code readOnly} every session defaults to read-only transactions, so
     * that even a role that could write does not through this pool. Closing the pool leaves this database open.
     */
    public Database pooled(String name, int maxConnections, boolean readOnly) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(dataSource);
        config.setPoolName("distrocompat-" + name);
        config.setMaximumPoolSize(maxConnections);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
        config.setInitializationFailTimeout(-1); // a server that is down now may be up by the first request
        if (readOnly) {
            config.setConnectionInitSql("SET default_transaction_read_only = on");
        }
        HikariDataSource pool = new HikariDataSource(config);
        return new Database(pool, description + " (" + name + " pool)", pool, embeddedHome);
    }

    /**
     * Whether {@code failure} (or a cause of it) says the database cannot be reached or refuses service right now
     * (connection failures, shutdown, too many connections): a fault of the environment, not of the request.
     */
    public static boolean unavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException e && e.getSQLState() != null) {
                String state = e.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")) {
                    return true;
                }
            }
            if (t instanceof SQLException e && e.getMessage() != null && e.getMessage().contains("Connection is not available")) {
                return true; // the pool timed out waiting for a connection
            }
        }
        return false;
    }

    /** The distrocompat home of an embedded database (where its snapshot lives); empty for external servers. */
    public Optional<Home> embeddedHome() {
        return Optional.ofNullable(embeddedHome);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public String description() {
        return description;
    }

    @Override
    public void close() {
        if (embeddedHome != null && !migrationFailed) {
            SnapshotFreshness.confirm(this);
        }
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                throw new DatabaseException("could not stop the database: " + e.getMessage(), e);
            }
        }
    }

}

package org.distrocompat.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.sql.DataSource;
import org.distrocompat.db.embedded.PgBinaries;
import org.postgresql.ds.PGSimpleDataSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * A real PostgreSQL for tests: {@code DISTROCOMPAT_TEST_DB} if set (the role needs CREATEDB), else a
 * Testcontainers PostgreSQL when a Docker engine answers, else an embedded server in a temporary
 * directory. Every {@link #fresh()} call gets a new, migrated database of its own on that one server.
 */
public final class TestDatabase {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static Function<String, DataSource> server;
    private static Function<String, String> urls;
    private static String kind;

    private TestDatabase() {
    }

    /** A new empty database with the schema applied. */
    public static Database fresh() {
        String name = createDatabase();
        return Database.of(server.apply(name), kind + "/" + name, null);
    }

    /** A new empty database (not yet migrated), as a JDBC URL with credentials, for CLI tests' --db. */
    public static String freshUrl() {
        String name = createDatabase(); // first: it starts the server that sets urls
        return urls.apply(name);
    }

    private static String createDatabase() {
        Function<String, DataSource> s = server();
        String name = "dc_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = s.apply("postgres").getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database on " + kind + ": " + e.getMessage(), e);
        }
        return name;
    }

    /** Which server the tests run against, for messages. */
    public static synchronized String kind() {
        server();
        return kind;
    }

    private static synchronized Function<String, DataSource> server() {
        if (server != null) {
            return server;
        }
        String url = System.getenv("DISTROCOMPAT_TEST_DB");
        if (url != null && !url.isBlank()) {
            DatabaseUrl parsed = DatabaseUrl.parse(url);
            kind = "external PostgreSQL";
            server = db -> dataSource(parsed.jdbcUrl().replaceFirst("(//[^/]+/)[^?]*", "$1" + db),
                    parsed.user(), parsed.password());
            urls = db -> withCredentials(parsed.jdbcUrl().replaceFirst("(//[^/]+/)[^?]*", "$1" + db),
                    parsed.user(), parsed.password());
        } else if (dockerAvailable()) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:17-alpine");
            container.start();
            kind = "Testcontainers PostgreSQL";
            server = db -> dataSource(container.getJdbcUrl().replaceFirst("(//[^/]+/)[^?]*", "$1" + db),
                    container.getUsername(), container.getPassword());
            urls = db -> withCredentials(container.getJdbcUrl().replaceFirst("(//[^/]+/)[^?]*", "$1" + db),
                    container.getUsername(), container.getPassword());
        } else {
            try {
                Path dir = Files.createTempDirectory("distrocompat-test-pg");
                EmbeddedPostgres pg = PgBinaries.prepare(binariesDirectory()).builder()
                        .setDataDirectory(dir.resolve("data"))
                        .setCleanDataDirectory(true)
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("max_connections", "100")
                        .start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                        try (var paths = Files.walk(dir)) {
                            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                        }
                    } catch (IOException ignored) {
                        // the JVM is going away
                    }
                }));
                kind = "embedded PostgreSQL";
                server = db -> pg.getDatabase("postgres", db);
                urls = db -> pg.getJdbcUrl("postgres", db);
            } catch (IOException e) {
                throw new IllegalStateException("cannot start embedded PostgreSQL for tests", e);
            }
        }
        return server;
    }

    /**
     * Where the tests' PostgreSQL binaries are unpacked: the user's own cache ({@code $XDG_CACHE_HOME} or
     * {@code ~/.cache}, then {@code distrocompat/pg-binaries}), never zonky's {@code /tmp/embedded-pg}, which the
     * first user of a machine owns; a fresh temporary directory when the cache cannot be written.
     */
    static Path binariesDirectory() throws IOException {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && xdg.startsWith("/") ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        Path dir = cache.resolve("distrocompat").resolve("pg-binaries");
        try {
            Files.createDirectories(dir.getParent());
            if (Files.isWritable(dir.getParent())) {
                return dir;
            }
        } catch (IOException ignored) {
            // not writable: a temporary directory of this run below
        }
        return Files.createTempDirectory("distrocompat-pg-binaries");
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable t) {
            return false;
        }
    }

    private static String withCredentials(String jdbcUrl, String user, String password) {
        StringBuilder sb = new StringBuilder(jdbcUrl);
        String sep = jdbcUrl.contains("?") ? "&" : "?";
        if (user != null) {
            sb.append(sep).append("user=").append(java.net.URLEncoder.encode(user, java.nio.charset.StandardCharsets.UTF_8));
            sep = "&";
        }
        if (password != null) {
            sb.append(sep).append("password=")
                    .append(java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    private static DataSource dataSource(String jdbcUrl, String user, String password) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl);
        if (user != null) {
            ds.setUser(user);
        }
        if (password != null) {
            ds.setPassword(password);
        }
        return ds;
    }
}

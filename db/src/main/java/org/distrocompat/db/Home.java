package org.distrocompat.db;

import java.nio.file.Path;

/**
 * The application directory, {@code $DISTROCOMPAT_HOME} (default {@code ~/.local/share/distrocompat}): the
 * embedded database, the download cache, the published policy files, the release snapshot and the user's source
 * configuration all live under it, each at the one place this type names.
 */
public record Home(Path root) {
    public static final String ENV = "DISTROCOMPAT_HOME";
    /** A system property naming the home, before the environment (for embedding and tests). */
    public static final String PROPERTY = "distrocompat.home";

    public Home {
        root = root.toAbsolutePath().normalize();
    }

    /** The home the system property or the environment names, else {@code ~/.local/share/distrocompat}. */
    public static Home current() {
        String prop = System.getProperty(PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return new Home(Path.of(prop));
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return new Home(Path.of(env));
        }
        return new Home(Path.of(System.getProperty("user.home"), ".local", "share", "distrocompat"));
    }

    /** The embedded PostgreSQL's data directory. */
    public Path pgdata() {
        return root.resolve("pgdata");
    }

    /** Where the embedded PostgreSQL's binaries are unpacked. */
    public Path pgBinaries() {
        return root.resolve("pg-binaries");
    }

    /** The file whose lock says which process owns the home's embedded database. */
    public Path lockFile() {
        return root.resolve("lock");
    }

    /** The content-addressed download cache of crawls. */
    public Path cache() {
        return root.resolve("cache");
    }

    /** Where {@code refresh} publishes the derived policy files. */
    public Path policyDir() {
        return root.resolve("policy");
    }

    /** The release snapshot {@code check} and {@code pairings} read without starting the database. */
    public Path snapshot() {
        return root.resolve("snapshot.bin");
    }

    /** The user's source configuration, overlaying the built-in catalog. */
    public Path sourcesFile() {
        return root.resolve("sources.json");
    }
}

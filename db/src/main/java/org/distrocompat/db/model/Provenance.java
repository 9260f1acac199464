package org.distrocompat.db.model;

import java.util.Locale;

/** Where a release x arch's data comes from; mirrors the schema's CHECK on {@code source.provenance}. */
public enum Provenance {
    /** Read from a distro's own archive by a crawl: wins over imported data for the same cell. */
    CRAWLED,
    /** Loaded from a dataset (pep600_compliance records). */
    IMPORTED;

    /** The name stored in the database. */
    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The stored name back; null stays null (a cell without data). */
    public static Provenance fromDb(String name) {
        return name == null ? null : valueOf(name.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return dbName();
    }
}

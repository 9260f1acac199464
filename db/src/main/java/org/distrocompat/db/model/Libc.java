package org.distrocompat.db.model;

import java.util.Locale;

/** The C library a release ships; mirrors the schema's CHECK on {@code release.libc}. */
public enum Libc {
    /** GNU libc: symbol versioning decides compatibility. */
    GLIBC,
    /** musl: no symbol versioning; symbol names decide. */
    MUSL;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The stored name back; null or empty means glibc, the schema's default. */
    public static Libc fromDb(String name) {
        return name == null || name.isEmpty() ? GLIBC : valueOf(name.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return dbName();
    }
}

package org.distrocompat.db.model;

import java.util.Locale;

/** A release's support status; mirrors the schema's CHECK on {@code release.status}. */
public enum ReleaseStatus {
    SUPPORTED,
    EOL,
    /** A moving suite with no release of its own (Debian unstable, Fedora rawhide, openSUSE Tumbleweed). */
    ROLLING,
    /** The next release in the making (Debian testing). */
    DEVEL,
    UNKNOWN;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ReleaseStatus fromDb(String name) {
        return name == null ? UNKNOWN : valueOf(name.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return dbName();
    }
}

package org.distrocompat.db.model;

import java.util.Locale;

/** How a crawl or import run ended; mirrors the schema's CHECK on {@code crawl_run.status}. */
public enum RunStatus {
    RUNNING,
    SUCCEEDED,
    /** Some cells failed; the others were stored. */
    PARTIAL,
    FAILED,
    /** The process was killed or stopped before the run finished. */
    INTERRUPTED;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return dbName();
    }
}

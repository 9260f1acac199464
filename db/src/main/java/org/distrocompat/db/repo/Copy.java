package org.distrocompat.db.repo;

import java.io.IOException;
import java.io.StringReader;
import java.sql.SQLException;
import org.distrocompat.db.error.DistrocompatException;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;

/** PostgreSQL's COPY FROM STDIN in text format, for bulk loads inside the caller's transaction. */
final class Copy {
    private Copy() {
    }

    /** Runs {@code sql} (a COPY ... FROM STDIN) with {@code rows}; nothing when there are none. */
    static void in(Handle h, String sql, StringBuilder rows) {
        if (rows.length() == 0) {
            return;
        }
        try {
            h.getConnection().unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(rows.toString()));
        } catch (SQLException | IOException e) {
            throw new DistrocompatException("bulk load failed: " + e.getMessage(), e);
        }
    }

    /** COPY text format: backslash, tab, newline and carriage return escaped. */
    static String escape(String s) {
        if (s.indexOf('\\') < 0 && s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }
}

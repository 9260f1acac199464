package org.distrocompat.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import org.distrocompat.db.error.Messages;

/**
 * Failures the database server reports that are the environment's, not a bug of distrocompat: a full disk, a
 * server that crashed, shut down or is recovering, a lost connection, an I/O error. The front doors use this to
 * say so in one line (exit 3) instead of "internal error — please report". All SQL types stay in this module.
 */
public final class DatabaseFaults {
    private static final long LOW_SPACE_BYTES = 64L << 20;

    private DatabaseFaults() {
    }

    /** One line naming the cause when {@code e} (or a cause of it) is such a failure; empty otherwise. */
    public static Optional<String> describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && environmental(sql.getSQLState())) {
                return Optional.of("the database failed: " + Messages.of(sql).replaceFirst("^(FATAL|ERROR|PANIC): ", "")
                        + hint(sql));
            }
        }
        return Optional.empty();
    }

    /**
     * SQLSTATE classes 08 (connection exception), 53 (insufficient resources: disk full, out of memory), 57 (operator
     * intervention: shutdown, crash, recovery), 58 (system error: I/O) and XX (internal error: data corrupted).
     */
    static boolean environmental(String state) {
        if (state == null || state.length() < 2) {
            return false;
        }
        String c = state.substring(0, 2);
        return c.equals("08") || c.equals("53") || c.equals("57") || c.equals("58") || c.equals("XX");
    }

    private static String hint(SQLException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        Optional<String> space = lowSpace(Home.current().root());
        if ("53100".equals(e.getSQLState()) || m.contains("no space left")) {
            return " — the disk is full" + space.orElse("") + "; free some space and run again";
        }
        if ("57P03".equals(e.getSQLState()) || "57P02".equals(e.getSQLState()) || m.contains("recovery mode")) {
            return space.map(s -> " — the server stopped abruptly: the disk is full" + s + "; free some space and run "
                    + "again").orElse(" — the server stopped abruptly (a full disk or a killed server process) and is "
                    + "recovering; run again");
        }
        return space.map(s -> " — the disk is nearly full" + s).orElse("");
    }

    /** " (12 MiB free on /home)" when the file system of the home is nearly full; empty otherwise. */
    private static Optional<String> lowSpace(Path home) {
        try {
            Path existing = home;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                return Optional.empty();
            }
            long free = Files.getFileStore(existing).getUsableSpace();
            return free < LOW_SPACE_BYTES ? Optional.of(" (" + (free >> 20) + " MiB free for " + home + ")")
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}

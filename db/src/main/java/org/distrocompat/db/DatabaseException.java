package org.distrocompat.db;

import org.distrocompat.db.error.UserException;

/**
 * A database problem the user can act on, worth one clear line: a bad URL, an unreachable server, a home in use
 * by another process, a schema the role cannot migrate.
 */
public class DatabaseException extends UserException {
    private static final long serialVersionUID = 1L;

    public DatabaseException(String message) {
        super(message);
    }

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.distrocompat.db;

/** A database problem worth one clear line to the user (bad URL, unreachable server, locked home). */
public class DatabaseException extends RuntimeException {
    public DatabaseException(String message) {
        super(message);
    }

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.distrocompat.core.check;

import org.distrocompat.db.error.UserException;

/**
 * An input that cannot be checked: not an archive or ELF file, truncated, unreadable, over a safety limit. A user
 * error: the CLI reports it in one line (exit 2), the HTTP API as 422.
 */
public class BadInputException extends UserException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.distrocompat.db.error;

/**
 * The root of every exception distrocompat throws on purpose. A front door (CLI, HTTP) reports a
 * {@link UserException} as one line and exit 2 / HTTP 4xx; any other exception, this one included, is a fault of
 * distrocompat or of its environment that the user cannot fix by changing the input ("internal error", exit 70 /
 * HTTP 500). The ELF reader stays free of dependencies and throws its own {@code ElfFormatException}, an
 * {@link java.io.IOException} that callers turn into a user error where the file came from the user.
 */
public class DistrocompatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DistrocompatException(String message) {
        super(message);
    }

    public DistrocompatException(String message, Throwable cause) {
        super(message, cause);
    }
}

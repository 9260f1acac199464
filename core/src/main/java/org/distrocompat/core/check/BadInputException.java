package org.distrocompat.core.check;

/** An input that cannot be checked: not an archive or ELF file, truncated, unreadable, over a safety limit. */
public class BadInputException extends Exception {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}

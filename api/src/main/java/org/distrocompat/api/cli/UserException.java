package org.distrocompat.api.cli;

/** A problem the user can fix, reported as one line without a stack trace. */
public class UserException extends RuntimeException {
    private final int exitCode;

    public UserException(String message) {
        this(message, ExitCodes.BAD_INPUT);
    }

    public UserException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}

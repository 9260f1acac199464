package org.distrocompat.db.error;

/**
 * A problem the user can fix: a bad argument, file, URL, configuration or input. Reported as one line without a
 * stack trace, exit 2 on the command line and a 4xx status over HTTP.
 */
public class UserException extends DistrocompatException {
    private static final long serialVersionUID = 1L;

    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}

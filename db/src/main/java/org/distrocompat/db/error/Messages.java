package org.distrocompat.db.error;

/** The one-line form of error messages, shared by everything that reports a failure to a user. */
public final class Messages {
    private Messages() {
    }

    /** The first line of a message ("unknown error" for none). */
    public static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** The first line of an exception's message, or its type's name when it has none. */
    public static String of(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : firstLine(m);
    }
}

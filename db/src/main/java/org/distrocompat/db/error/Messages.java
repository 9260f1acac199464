package org.distrocompat.db.error;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

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

    /**
     * The first line of an exception's message, or its type's name when it has none. The JDK's file exceptions
     * often carry only the path ("…/lock"): their kind is added ("…/lock: permission denied").
     */
    public static String of(Throwable e) {
        if (e instanceof FileSystemException f && f.getReason() == null && f.getFile() != null) {
            String kind = e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof NoSuchFileException ? "no such file or directory"
                    : e instanceof FileAlreadyExistsException ? "already exists"
                    : e instanceof NotDirectoryException ? "not a directory"
                    : e instanceof DirectoryNotEmptyException ? "directory not empty"
                    : e.getClass().getSimpleName();
            return firstLine(f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile()) + ": " + kind);
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : firstLine(m);
    }
}

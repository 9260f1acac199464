package org.distrocompat.core.policy;

import org.distrocompat.db.error.UserException;

/**
 * A policy file that cannot be used: unreadable, not JSON, not auditwheel's format, or breaking an invariant
 * auditwheel's loader relies on. The message is one line that names the file and, where one is at fault, the
 * policy and the arch: {@code policy.json: manylinux_2_28 aarch64: GLIBCXX_3.4.24 allowed by manylinux_2_27 is
 * missing}. A user error: the file came from the user, who can fix it.
 */
public final class PolicyFileException extends UserException {
    private static final long serialVersionUID = 1L;

    PolicyFileException(String message) {
        super(message);
    }

    PolicyFileException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.distrocompat.core.check;

/**
 * An input that crosses a {@link WalkLimits} bound while it is read: more members, more decompressed bytes or a
 * bigger ELF file than the limits allow. Still bad input (exit 2 on the command line); the HTTP API tells it apart
 * from a malformed input so that a client learns which limit it met.
 */
public final class InputLimitException extends BadInputException {
    private static final long serialVersionUID = 1L;

    public InputLimitException(String message) {
        super(message);
    }
}

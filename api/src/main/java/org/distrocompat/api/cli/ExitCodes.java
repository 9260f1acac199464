package org.distrocompat.api.cli;

/** Exit codes shared by every command. */
final class ExitCodes {
    /** Everything as asked. */
    public static final int OK = 0;
    /** The command ran but the answer is "no" or the run had failures (a claimed tag is wrong, a cell failed). */
    public static final int FAILED = 1;
    /** Bad input or usage: the command could not do what was asked; the one-line message says what to change. */
    public static final int BAD_INPUT = 2;
    /** The environment failed (disk, network, a database that went away): nothing the input could change. */
    public static final int ENVIRONMENT = 3;
    /** A bug in distrocompat (EX_SOFTWARE): "internal error", please report; DISTROCOMPAT_DEBUG=1 shows the trace. */
    public static final int INTERNAL = 70;

    private ExitCodes() {
    }
}

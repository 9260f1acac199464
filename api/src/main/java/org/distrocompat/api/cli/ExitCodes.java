package org.distrocompat.api.cli;

/** Exit codes shared by every command. */
public final class ExitCodes {
    /** Everything as asked. */
    public static final int OK = 0;
    /** The command ran but the answer is "no" or the run had failures (a claimed tag is wrong, a cell failed). */
    public static final int FAILED = 1;
    /** Bad input or usage: the command could not do what was asked. */
    public static final int BAD_INPUT = 2;

    private ExitCodes() {
    }
}

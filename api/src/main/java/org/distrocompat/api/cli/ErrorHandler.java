package org.distrocompat.api.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.distrocompat.db.DatabaseFaults;
import org.distrocompat.db.error.DistrocompatException;
import org.distrocompat.db.error.Messages;
import org.distrocompat.db.error.UserException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into one line on stderr and an exit code: bad usage and {@link UserException}s exit 2; other
 * {@link DistrocompatException}s and I/O failures are faults of the environment (exit 3); anything else is a bug
 * of distrocompat, reported as an internal error (exit 70). {@code DISTROCOMPAT_DEBUG=1} prints the stack trace.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        return report(ex, commandName(cmd), cmd.getErr());
    }

    /** One line on {@code err} for a failure of a command ("check: "), and its exit code. */
    static int report(Exception ex, String command, PrintWriter err) {
        String prefix = "distrocompat: " + command;
        int code;
        String message;
        if (ex instanceof UserException) {
            message = ex.getMessage();
            code = ExitCodes.BAD_INPUT;
        } else if (ex instanceof DistrocompatException || ex instanceof IOException
                || ex instanceof UncheckedIOException) {
            message = Messages.of(ex);
            code = ExitCodes.ENVIRONMENT;
        } else if (DatabaseFaults.describe(ex).isPresent()) {
            // a full disk, a crashed or recovering server: the environment's, not a bug to report
            message = DatabaseFaults.describe(ex).get();
            code = ExitCodes.ENVIRONMENT;
        } else {
            code = ExitCodes.INTERNAL;
            message = "internal error (" + ex.getClass().getSimpleName() + "): " + ex.getMessage()
                    + " — please report; set DISTROCOMPAT_DEBUG=1 for details";
        }
        err.println(prefix + Messages.firstLine(message));
        if (System.getenv("DISTROCOMPAT_DEBUG") != null) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /** Out of memory anywhere: exit 3 with the heap size and how to raise it. */
    static int outOfMemory(PrintWriter err, OutOfMemoryError e) {
        err.println("distrocompat: out of memory (" + Messages.of(e) + ", Java heap limit "
                + (Runtime.getRuntime().maxMemory() >> 20) + " MiB); raise it with DISTROCOMPAT_JAVA_OPTS=-Xmx2g");
        err.flush();
        return ExitCodes.ENVIRONMENT;
    }

    /** A throwable that escaped picocli's handlers (an Error): a bug, exit 70, one line. */
    static int uncaught(PrintWriter err, Throwable e) {
        err.println("distrocompat: internal error (" + e.getClass().getSimpleName() + "): " + Messages.of(e)
                + " — please report; set DISTROCOMPAT_DEBUG=1 for details");
        if (System.getenv("DISTROCOMPAT_DEBUG") != null) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.INTERNAL;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        cmd.getErr().println("distrocompat: " + commandName(cmd) + Messages.firstLine(ex.getMessage()));
        cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        cmd.getErr().flush();
        return ExitCodes.BAD_INPUT;
    }

    /** "check: ", "import pep600: " — the subcommand path without the program name; "" for the top level. */
    private static String commandName(CommandLine cmd) {
        if (cmd.getParent() == null) {
            return "";
        }
        String q = cmd.getCommandSpec().qualifiedName(" ");
        int sp = q.indexOf(' ');
        return (sp < 0 ? q : q.substring(sp + 1)) + ": ";
    }

}

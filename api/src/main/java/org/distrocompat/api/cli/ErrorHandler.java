package org.distrocompat.api.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.distrocompat.db.DatabaseException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into one line on stderr and an exit code: bad usage and user errors exit 2, anything
 * unexpected exits 2 as well but says it is a bug ({@code DISTROCOMPAT_DEBUG=1} prints the stack trace).
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        String prefix = "distrocompat: " + commandName(cmd);
        int code = ExitCodes.BAD_INPUT;
        String message;
        if (ex instanceof UserException ue) {
            message = ue.getMessage();
            code = ue.exitCode();
        } else if (ex instanceof DatabaseException || ex instanceof IllegalArgumentException) {
            message = ex.getMessage();
        } else if (ex instanceof IOException || ex instanceof UncheckedIOException) {
            message = ex.getMessage();
        } else {
            message = "internal error (" + ex.getClass().getSimpleName() + "): " + ex.getMessage()
                    + " — please report; set DISTROCOMPAT_DEBUG=1 for details";
        }
        cmd.getErr().println(prefix + oneLine(message));
        if (System.getenv("DISTROCOMPAT_DEBUG") != null) {
            ex.printStackTrace(cmd.getErr());
        }
        cmd.getErr().flush();
        return code;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        cmd.getErr().println("distrocompat: " + commandName(cmd) + oneLine(ex.getMessage()));
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

    private static String oneLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}

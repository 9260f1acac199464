package org.distrocompat.api.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command uses of picocli: its own spec, and the streams the CLI was started with. */
abstract class CommandBase {
    @Spec
    CommandSpec spec;

    /** The streams of a command run without picocli ({@link CheckCommand#plain}); null under picocli. */
    private PrintWriter plainOut;
    private PrintWriter plainErr;

    void streams(PrintWriter out, PrintWriter err) {
        this.plainOut = out;
        this.plainErr = err;
    }

    /** Where answers go (stdout, or a test's writer). */
    PrintWriter out() {
        return plainOut != null ? plainOut : spec.commandLine().getOut();
    }

    /** Where progress, warnings and errors go. */
    PrintWriter err() {
        return plainErr != null ? plainErr : spec.commandLine().getErr();
    }
}

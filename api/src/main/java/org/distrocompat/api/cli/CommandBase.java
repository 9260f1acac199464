package org.distrocompat.api.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command uses of picocli: its own spec, and the streams the CLI was started with. */
abstract class CommandBase {
    @Spec
    CommandSpec spec;

    /** Where answers go (stdout, or a test's writer). */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Where progress, warnings and errors go. */
    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}

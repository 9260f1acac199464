package org.distrocompat.api.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code distrocompat} command line: one picocli class per subcommand. */
@Command(name = "distrocompat",
        mixinStandardHelpOptions = true,
        version = "distrocompat 0.1.0",
        description = "Which Linux distro releases does a binary run on? Symbol versions of glibc, libstdc++ and "
                + "libgcc per release x architecture, crawled from the distros' own archives.",
        subcommands = {
                CrawlCommand.class,
                ImportCommand.class,
                ReleasesCommand.class,
                CheckCommand.class,
                TagsCommand.class,
                PairingsCommand.class,
                CoverageCommand.class,
                HistoryCommand.class,
                PolicyCommand.class,
                RefreshCommand.class,
                ServeCommand.class,
                ElfCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the CLI with the given streams; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setParameterExceptionHandler(new ErrorHandler());
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

package org.distrocompat.api.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
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

    /**
     * The root for {@code distrocompat check ...}: the same command under the same name, without the models of the
     * other commands, which picocli would build by reflection first — most of a small check's start-up.
     */
    @Command(name = "distrocompat", subcommands = CheckCommand.class)
    static final class CheckOnly implements Runnable {
        @Override
        public void run() {
            // never run: the first argument is "check"
        }
    }

    /**
     * Runs the CLI with the given streams; returns the exit code. Nothing escapes as an uncaught throwable (the JVM
     * would exit 1, which means "the answer is no"): running out of memory is the environment's (exit 3), any other
     * error a bug (exit 70), each as one line.
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        try {
            return CheckCommand.isPlain(args) ? CheckCommand.plain(out, err, args) : picocli(out, err, args);
        } catch (OutOfMemoryError e) {
            return ErrorHandler.outOfMemory(err, e);
        } catch (RuntimeException | Error e) {
            return ErrorHandler.uncaught(err, e);
        }
    }

    private static int picocli(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(args.length > 0 && args[0].equals("check") ? new CheckOnly() : new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setParameterExceptionHandler(new ErrorHandler());
        cli.registerConverter(Path.class, FileNames::path);
        cli.setCaseInsensitiveEnumValuesAllowed(true); // --gap x86_64, as the help and the README write it
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

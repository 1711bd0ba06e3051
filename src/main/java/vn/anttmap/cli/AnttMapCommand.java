package vn.anttmap.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import vn.anttmap.model.InvalidInputException;
import vn.anttmap.model.StoreException;

import java.io.PrintWriter;

/** {@code antt-map}: the top command. */
@Command(name = "antt-map", mixinStandardHelpOptions = true, version = "ANTT Map 0.1.0",
        description = "ANTT Map (Bản đồ an ninh, trật tự): map service for ward police.",
        subcommands = {ServeCommand.class, ImportCommand.class, ExportCommand.class, DbCommand.class, ScoreCommand.class, PlanCommand.class, HotspotsCommand.class, GenerateCommand.class, BenchCommand.class, UserCommand.class, GenerateDemoCommand.class,
                CommandLine.HelpCommand.class})
public final class AnttMapCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed: serve, import, export or db");
    }

    /** Runs the command line; returns the exit code (0 success, 1 failure, 2 bad usage). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line, for callers that want to redirect its output. */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new AnttMapCommand());
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof InvalidInputException bad) {
                err.println("antt-map: " + bad.source() + " refused, nothing was written: " + bad.problems().size()
                        + (bad.problems().size() == 1 ? " problem" : " problems"));
                err.println(bad.getMessage());
            } else if (e instanceof StoreException || e instanceof IllegalArgumentException
                    || e instanceof java.util.NoSuchElementException
                    || e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException) {
                err.println("antt-map: " + oneLine(e.getMessage()));
            } else {
                err.println("antt-map: unexpected " + e.getClass().getSimpleName() + ": " + oneLine(e.getMessage()));
            }
            err.flush();
            return 1;
        });
        return cmd;
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ");
    }
}

package no.kvik.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The kvik command line. Each subcommand lives in its own class in this package. */
@Command(name = "kvik",
        mixinStandardHelpOptions = true,
        version = "kvik " + no.kvik.config.KvikVersion.VERSION,
        description = "Analytical engine for national healthcare quality indicators.",
        subcommands = {
                CatalogueCommand.class,
                SynthCommand.class,
                IngestCommand.class,
                BenchIngestCommand.class,
                QualityCommand.class,
                RunCommand.class,
                BenchCommand.class,
                AdjustCommand.class,
                FunnelCommand.class,
                ReleaseCommand.class,
                ServeCommand.class,
                OecdCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Kvik implements Callable<Integer> {

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "Print only errors and the final result lines.")
    boolean quiet;

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return ExitCodes.USAGE;
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Kvik());
        cl.setExitCodeExceptionMapper(e -> ExitCodes.USAGE);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("kvik " + commandLine.getCommandName() + ": " + ex.getMessage());
            return ex instanceof IllegalArgumentException || ex instanceof IllegalStateException
                    ? ExitCodes.USAGE : ExitCodes.DATA_ERRORS;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}

package no.kvik.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

/** The kvik command line. Each subcommand lives in its own class in this package. */
@Command(name = "kvik",
        mixinStandardHelpOptions = true,
        version = "kvik " + no.kvik.config.KvikVersion.VERSION,
        description = "Analytical engine for national healthcare quality indicators.",
        footer = {"", "Exit codes: 0 ok; 1 data errors found (flagged rows, rejected files, failed checks); 2 usage "
                + "error; 3 store busy (another ingest or store command holds the store's lock: nothing changed)."},
        // the subcommands are added by commandLine(), from SUBCOMMANDS
        subcommands = {})
public final class Kvik implements Callable<Integer> {
    /** The subcommands, in the order {@code kvik --help} lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(
            DemoCommand.class,
            CatalogueCommand.class,
            TestCommand.class,
            SqlCommand.class,
            SynthCommand.class,
            IngestCommand.class,
            StoreCommand.class,
            BenchIngestCommand.class,
            QualityCommand.class,
            RunCommand.class,
            BenchCommand.class,
            BenchReleaseCommand.class,
            BenchScaleCommand.class,
            BenchPeersCommand.class,
            AdjustCommand.class,
            FunnelCommand.class,
            CalibrateCommand.class,
            RecoveryCommand.class,
            OecdCommand.class,
            ReleaseCommand.class,
            ServeCommand.class,
            RevisionsCommand.class,
            CommandLine.HelpCommand.class);

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "Print only errors and the final result lines.")
    boolean quiet;

    private java.util.Optional<String> memoryLimit = java.util.Optional.empty();
    private java.util.Optional<java.nio.file.Path> tempDir = java.util.Optional.empty();

    @Option(names = "--memory-limit", scope = ScopeType.INHERIT, paramLabel = "SIZE",
            description = "DuckDB's memory limit for this run, e.g. 8GB (default: DuckDB's, 80 %% of the machine's "
                    + "memory); beyond it DuckDB spills to disk.")
    void memoryLimit(String limit) {
        memoryLimit = java.util.Optional.of(limit);
        no.kvik.sql.DuckDb.useForEveryDatabase(memoryLimit, tempDir);
    }

    @Option(names = "--temp-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Folder DuckDB spills to beyond its memory limit (default: DuckDB's own; an ingest's is the "
                    + "store's .spill folder).")
    void tempDir(java.nio.file.Path dir) {
        tempDir = java.util.Optional.of(dir);
        no.kvik.sql.DuckDb.useForEveryDatabase(memoryLimit, tempDir);
    }

    @Override
    public Integer call() {
        commandLine().usage(System.out);
        return ExitCodes.USAGE;
    }

    /** The whole command line, every subcommand built. */
    public static CommandLine commandLine() {
        return commandLine(SUBCOMMANDS);
    }

    /**
     * The command line for {@code args}: when they name a subcommand (other than {@code help}), only that one is built.
     * picocli builds every subcommand's model by reflection when it is added, 0.4-0.65 s of each start on this machine
     * for twenty of them, while a command runs one; {@code kvik}, {@code kvik --help} and {@code kvik help X} get all.
     */
    static CommandLine commandLineFor(String[] args) {
        String name = subcommandName(args);
        for (Class<?> c : SUBCOMMANDS) {
            if (c != CommandLine.HelpCommand.class && c.getAnnotation(Command.class).name().equals(name)) {
                return commandLine(List.of(c));
            }
        }
        return commandLine();
    }

    /** The first argument that is not one of kvik's own options (or their values); null when there is none. */
    static String subcommandName(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--memory-limit") || a.equals("--temp-dir")) {
                i++;
            } else if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }

    private static CommandLine commandLine(List<Class<?>> subcommands) {
        CommandLine cl = new CommandLine(new Kvik());
        for (Class<?> c : subcommands) cl.addSubcommand(c);
        // --format csv as well as CSV: enum values in any case (set after the subcommands, which it then reaches)
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExitCodeExceptionMapper(e -> ExitCodes.USAGE);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            // the full command path (kvik store retire), as the user typed it
            commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + message(ex));
            if (ex instanceof no.kvik.store.StoreBusyException) return ExitCodes.STORE_BUSY;
            return ex instanceof IllegalArgumentException || ex instanceof IllegalStateException
                    || ex instanceof FileSystemException ? ExitCodes.USAGE : ExitCodes.DATA_ERRORS;
        });
        return cl;
    }

    /** The error for the user: a file system error names its path and what is wrong with it (its own message is the bare path). */
    static String message(Exception ex) {
        if (ex instanceof FileAlreadyExistsException || ex instanceof NotDirectoryException) {
            return ex.getMessage() + ": a file is in the way of a folder kvik needs to create or use";
        }
        if (ex instanceof NoSuchFileException) return ex.getMessage() + ": no such file or folder";
        if (ex instanceof AccessDeniedException) return ex.getMessage() + ": permission denied";
        if (ex instanceof FileSystemException fse) {
            return fse.getFile() + ": " + (fse.getReason() != null ? fse.getReason() : ex.getClass().getSimpleName());
        }
        return ex.getMessage() != null ? no.kvik.sql.OutOfMemory.explain(ex.getMessage()) : ex.getClass().getSimpleName();
    }

    public static void main(String[] args) {
        StartupTimings.mainStarted();
        preloadDuckDb();
        int code = commandLineFor(args).execute(args);
        StartupTimings.print();
        System.exit(code);
    }

    /**
     * Loads DuckDB's native library on a daemon thread while the main thread parses the command line and loads the
     * catalogue: the JDBC driver copies its 57 MB library from the jar to a temp file and links it on first use
     * (0.6-0.8 s on this machine while the jar held it compressed; the build now stores it uncompressed, see
     * engine/pom.xml), which then overlaps the command line and the catalogue (two cores).
     */
    static void preloadDuckDb() {
        Thread t = new Thread(() -> {
            try {
                long t0 = System.nanoTime();
                Class.forName("org.duckdb.DuckDBNative", true, Kvik.class.getClassLoader());
                StartupTimings.add("duckdb_native_thread", System.nanoTime() - t0);
            } catch (ClassNotFoundException | LinkageError e) {
                // the first connection loads it and reports any failure where it is used
            }
        }, "kvik-duckdb-preload");
        t.setDaemon(true);
        t.start();
    }
}

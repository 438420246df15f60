package no.kvik.kernel;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point. {@code java -jar kvik-kernel.jar CONNECTION_FILE} runs the kernel (this is what Jupyter
 * does through the kernelspec); {@code java -jar kvik-kernel.jar install […]} writes the kernelspec.
 */
public final class KernelMain {

    private KernelMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("install")) {
            System.exit(new CommandLine(new Install()).execute(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length != 1 || args[0].startsWith("-")) {
            System.err.println("usage: java -jar kvik-kernel.jar CONNECTION_FILE\n"
                    + "       java -jar kvik-kernel.jar install [--prefix DIR] [--name NAME] [--java JAVA]");
            System.exit(2);
        }
        try {
            run(Path.of(args[0]));
        } catch (Exception | Error e) {
            // e.g. a port already taken: exit, since ZeroMQ's threads would keep a half-started JVM alive
            System.err.println("kvik kernel failed to start: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(Path connectionFile) throws Exception {
        // the base library logs every message at INFO; Jupyter shows kernel stderr to the user
        Logger.getLogger("").setLevel(Level.WARNING);
        // Tablesaw logs through SLF4J without a provider; its "no providers" notice would end up in cells
        if (System.getProperty("slf4j.internal.verbosity") == null) System.setProperty("slf4j.internal.verbosity", "ERROR");
        KernelConnectionProperties props = KernelConnectionProperties.parse(Files.readString(connectionFile));
        JupyterConnection connection = new JupyterConnection(props);
        exitWhenParentDies(System.getenv(PARENT_PID_VARIABLE));
        KvikKernel kernel = new KvikKernel(ownClasspath());
        interruptOnSigint(kernel);
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
        // a cell that ignored the stop request may still hold a non-daemon thread: leave anyway
        System.exit(0);
    }

    /** Where Jupyter clients (jupyter_client's launcher) put their own process id when they start a kernel. */
    static final String PARENT_PID_VARIABLE = "JPY_PARENT_PID";

    /**
     * Ends this kernel when the client that started it ends: a client that dies (killed, crashed) sends no
     * shutdown_request, and the kernel would otherwise run on, holding its memory and the store's reader lease.
     * {@code pid} is {@value #PARENT_PID_VARIABLE}'s value; null or blank (started by hand): nothing is watched.
     */
    static void exitWhenParentDies(String pid) {
        if (pid == null || pid.isBlank()) return;
        long id;
        try {
            id = Long.parseLong(pid.trim());
        } catch (NumberFormatException e) {
            System.err.println("warning: " + PARENT_PID_VARIABLE + " is not a process id ('" + pid + "'); the kernel will not "
                    + "exit by itself when its client ends");
            return;
        }
        java.util.Optional<ProcessHandle> parent = ProcessHandle.of(id);
        if (parent.isEmpty()) {
            exitBecauseParentEnded(id);
            return;
        }
        parent.get().onExit().thenRun(() -> exitBecauseParentEnded(id));
    }

    private static void exitBecauseParentEnded(long id) {
        System.err.println("kvik kernel: its client (process " + id + ") has ended; exiting");
        // exit on a thread of its own (shutdown hooks run there), and halt if a cell holds the exit up
        Thread exit = new Thread(() -> System.exit(0), "kvik-parent-exit");
        exit.setDaemon(true);
        exit.start();
        try {
            exit.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(0);
    }

    /** Under interrupt_mode "signal" (or Ctrl-C in a terminal) SIGINT stops the cell, not the kernel. */
    private static void interruptOnSigint(KvikKernel kernel) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sig -> kernel.interrupt());
        } catch (IllegalArgumentException e) {
            System.err.println("warning: cannot handle SIGINT here (" + e.getMessage() + "); interrupt by message only");
        }
    }

    static List<Path> ownClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(s -> !s.isBlank())
                .map(Path::of)
                .toList();
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "Write the Jupyter kernelspec DIR/kernels/NAME/kernel.json for this kernel.")
    static final class Install implements Callable<Integer> {
        @Option(names = "--prefix", paramLabel = "DIR",
                description = "Jupyter data folder (put it on JUPYTER_PATH); default: Jupyter's per-user folder, ~/.local/share/jupyter")
        Path prefix;

        @Option(names = "--name", defaultValue = "kvik", description = "kernelspec name (default: ${DEFAULT-VALUE})")
        String name;

        @Option(names = "--java", description = "java command the kernel runs on; default: this JVM's java")
        String java;

        @Override
        public Integer call() {
            Path json = KernelInstaller.install(
                    prefix != null ? prefix : KernelInstaller.defaultDataDir(),
                    name,
                    java != null ? java : KernelInstaller.currentJava(),
                    ownClasspath());
            System.out.println("installed kernelspec " + json);
            return 0;
        }
    }
}

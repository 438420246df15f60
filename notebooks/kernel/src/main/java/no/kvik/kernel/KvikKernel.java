package no.kvik.kernel;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.magic.LineMagicArgs;
import io.github.spencerpark.jupyter.kernel.magic.MagicParser;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import no.kvik.kernel.display.KvikRenderers;

/**
 * The kvik kernel: Java cells evaluated by JShell in this JVM, with the kvik engine and its libraries
 * on the class path, rich display of tables and charts, and class path magics.
 */
public final class KvikKernel extends BaseKernel {

    /** Imports every cell starts with; {@code display(…)} and {@code page(…)} come from {@link Notebook}. */
    static final List<String> STARTUP = List.of(
            "import java.util.*;",
            "import java.util.stream.*;",
            "import java.nio.file.*;",
            "import java.time.*;",
            "import tech.tablesaw.api.*;",
            "import no.kvik.kernel.Notebook;",
            "import no.kvik.kernel.display.*;",
            "import no.kvik.notebook.*;",
            "import static no.kvik.kernel.Notebook.*;");

    private final CompletableFuture<JavaSession> session;
    private final MagicParser magicParser = new MagicParser();
    private final Magics magics = new Magics();
    private final LanguageInfo languageInfo = new LanguageInfo.Builder("Java")
            .version(Runtime.version().toString())
            .mimetype("text/x-java-source")
            .fileExtension(".jshell")
            .pygments("java")
            .codemirror("text/x-java")
            .build();

    /**
     * Starts JShell in the background (its compiler takes a moment to warm up) so the kernel answers
     * Jupyter's first requests at once; the first cell waits for it.
     */
    /** A cell is waiting for JShell to start (see {@link #interrupt()}). */
    private volatile boolean cellWaitingForSession;
    /** An interrupt arrived while a cell waited for JShell: the cell stops before it runs. */
    private volatile boolean interruptedWhileWaiting;

    public KvikKernel(List<Path> classpath) {
        KvikRenderers.register(getRenderer(), Notebook::tableRows);
        Notebook.attach(value -> {
            flushOutput(); // keep printed text before the display that follows it
            display(render(value));
        });
        this.session = CompletableFuture.supplyAsync(() -> JavaSession.start(classpath, STARTUP));
        magics.registerMagics(new ClasspathMagics(p -> session().addToClasspath(p), ClasspathMagics.defaultMavenRepository()));
    }

    private JavaSession session() {
        try {
            return session.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting JShell", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("JShell failed to start: " + e.getCause(), e.getCause());
        }
    }

    private DisplayData render(Object value) {
        return value == null ? new DisplayData("null") : getRenderer().render(value);
    }

    @Override
    public DisplayData eval(String code) throws Exception {
        try {
            String java = runMagics(code);
            if (java.isBlank()) return null;
            JavaSession started;
            cellWaitingForSession = true;
            try {
                started = session();
                // an interrupt that came while JShell was still starting found no cell to stop: honour it here
                if (interruptedWhileWaiting) throw new CellException.Interrupted();
            } finally {
                cellWaitingForSession = false;
                interruptedWhileWaiting = false;
            }
            JavaSession.CellValue value = started.eval(java);
            return value.present() ? render(value.value()) : null;
        } finally {
            flushOutput();
        }
    }

    /**
     * Sends text printed without a final newline while the cell's reply is still open; the base library
     * flushes only on newlines and would otherwise drop it (or show it in the next cell).
     */
    private static void flushOutput() {
        System.out.flush();
        System.err.flush();
    }

    /** Runs the cell's magic lines (in order, before its Java code) and returns the code without them. */
    private String runMagics(String code) throws CellException {
        List<String> failures = new ArrayList<>();
        String java = magicParser.transformLineMagics(code, ctx -> {
            LineMagicArgs call = ctx.getMagicCall();
            if (failures.isEmpty()) {
                try {
                    magics.applyLineMagic(call.getName(), call.getArgs());
                } catch (Exception e) {
                    failures.add("%" + call.getName() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
                }
            }
            return "";
        });
        if (!failures.isEmpty()) throw new CellException.MagicException(failures.get(0));
        return java;
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        return session().complete(code, at);
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        String doc = session().documentation(code, at);
        return doc.isBlank() ? null : new DisplayData(doc);
    }

    @Override
    public String isComplete(String code) {
        Completeness c = session().completeness(code);
        return switch (c) {
            case COMPLETE, COMPLETE_WITH_SEMI, EMPTY -> IS_COMPLETE_YES;
            case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> "    ";
            case UNKNOWN -> IS_COMPLETE_BAD;
        };
    }

    @Override
    public void interrupt() {
        // a DuckDB query runs in native code, which the thread stop below does not reach: cancel it first
        no.kvik.notebook.Kvik.cancelRunningQueries();
        // the first cell waits for JShell's start (seconds on a loaded machine): an interrupt then must not be lost,
        // or the cell runs on unstopped once JShell is up (KernelProtocolIT hung so in CI)
        if (cellWaitingForSession) interruptedWhileWaiting = true;
        if (session.isDone() && !session.isCompletedExceptionally()) {
            session.join().stop();
        }
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        interrupt();
    }

    @Override
    public List<String> formatError(Exception e) {
        return e instanceof CellException c ? c.report() : super.formatError(e);
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return languageInfo;
    }

    @Override
    public String getBanner() {
        return "kvik kernel " + KERNEL_META.get("version") + " (Java " + Runtime.version() + ", JShell)";
    }
}

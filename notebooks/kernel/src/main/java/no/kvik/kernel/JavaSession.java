package no.kvik.kernel;

import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * One JShell state running in the kernel's JVM: splits a cell into snippets, evaluates them in order,
 * turns compile errors and exceptions into {@link CellException}s and returns the object of a trailing
 * expression for rich display.
 */
final class JavaSession implements AutoCloseable {

    /** The value of a cell: present only when the cell ends in an expression (null is a value). */
    record CellValue(boolean present, Object value) {
        static final CellValue NONE = new CellValue(false, null);
    }

    private final JShell shell;
    private final CapturingExecutionControl control;
    private final ApiDocs apiDocs = new ApiDocs();
    private volatile boolean stopRequested;
    private volatile boolean running;

    private JavaSession(JShell shell, CapturingExecutionControl control) {
        this.shell = shell;
        this.control = control;
    }

    /**
     * @param classpath entries the cells compile against (the kernel's own class path, so kvik and its
     *                  libraries import without magics)
     * @param startup   snippets run once, e.g. imports; a failure here is a kernel bug and thrown
     */
    static JavaSession start(List<Path> classpath, List<String> startup) {
        CapturingExecutionControl control = new CapturingExecutionControl();
        JShell shell = JShell.builder()
                .executionEngine(new CapturingExecutionControl.Provider(control), Map.of())
                .build();
        JavaSession session = new JavaSession(shell, control);
        for (Path p : classpath) {
            shell.addToClasspath(p.toString());
        }
        for (String s : startup) {
            try {
                session.eval(s);
            } catch (CellException e) {
                throw new IllegalStateException("kernel startup snippet failed: " + s + ": " + String.join("\n", e.report()), e);
            }
        }
        return session;
    }

    void addToClasspath(Path entry) {
        shell.addToClasspath(entry.toAbsolutePath().toString());
    }

    /**
     * Stops the running cell, if any; safe to call from another thread. JShell's stop acts only while
     * snippet code runs, so it is repeated for a few seconds in case the cell is between snippets or
     * still compiling; the pending flag stops a snippet that has not started yet.
     */
    void stop() {
        if (!running) return;
        stopRequested = true;
        control.stopPending(true);
        Thread retry = new Thread(() -> {
            for (int i = 0; i < 50 && running && stopRequested; i++) {
                shell.stop();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "kvik-stop");
        retry.setDaemon(true);
        retry.start();
    }

    CellValue eval(String code) throws CellException {
        stopRequested = false;
        control.stopPending(false);
        running = true;
        try {
            return evalCell(code);
        } finally {
            running = false;
        }
    }

    private CellValue evalCell(String code) throws CellException {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = code;
        Snippet last = null;
        while (!remaining.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.completeness() == Completeness.EMPTY) break;
            String source;
            if (info.completeness().isComplete()) {
                source = info.source();
                remaining = info.remaining();
            } else {
                source = remaining; // incomplete: let JShell report what is missing
                remaining = "";
            }
            last = evalSnippet(source);
        }
        return last == null ? CellValue.NONE : valueOf(last);
    }

    private Snippet evalSnippet(String source) throws CellException {
        List<SnippetEvent> events = shell.eval(source);
        if (stopRequested) throw new CellException.Interrupted();
        Snippet main = null;
        for (SnippetEvent e : events) {
            if (e.causeSnippet() != null) continue; // a dependent snippet updated by this one
            main = e.snippet();
            if (e.exception() != null) throw converted(e.exception());
            if (e.status() == Snippet.Status.REJECTED) throw compilationError(e.snippet(), source);
            boolean recoverable = e.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED || e.status() == Snippet.Status.RECOVERABLE_DEFINED;
            if (recoverable && e.snippet() instanceof DeclarationSnippet d) {
                // JShell accepts forward references; say what is still missing instead of failing
                String missing = shell.unresolvedDependencies(d).collect(Collectors.joining(", "));
                System.err.println("note: " + describe(e.snippet()) + " can be used only once " + missing + " is defined");
            }
        }
        if (main == null) {
            throw new CellException.CompilationException("nothing to evaluate", List.of(source));
        }
        return main;
    }

    private CellValue valueOf(Snippet s) {
        Optional<VarSnippet> var = Optional.empty();
        if (s instanceof VarSnippet v && v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
            var = Optional.of(v);
        } else if (s instanceof ExpressionSnippet e) {
            var = shell.variables().filter(v -> v.name().equals(e.name()) && shell.status(v).isActive()).findFirst();
        }
        if (var.isEmpty()) return CellValue.NONE;
        shell.varValue(var.get()); // reaches CapturingExecutionControl.varValue, which keeps the object
        return new CellValue(true, control.takeCaptured());
    }

    private CellException compilationError(Snippet snippet, String source) {
        List<String> report = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        String[] lines = source.split("\\R", -1);
        for (Diag d : shell.diagnostics(snippet).toList()) {
            if (!d.isError()) continue;
            // javac names JShell's wrapper class as the location: noise for the user
            String msg = d.getMessage(Locale.ROOT).lines()
                    .filter(l -> !l.strip().matches("location: class\\s*\\S*"))
                    .collect(Collectors.joining("\n"));
            messages.add(msg);
            List<String> msgLines = msg.lines().toList();
            for (int i = 0; i < msgLines.size(); i++) {
                report.add(i == 0 ? "error: " + msgLines.get(0) : msgLines.get(i));
            }
            int start = (int) d.getStartPosition();
            int end = (int) d.getEndPosition();
            if (start >= 0 && start <= source.length()) {
                int lineStart = source.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
                if (start == 0) lineStart = 0;
                int lineNo = (int) source.substring(0, lineStart).chars().filter(c -> c == '\n').count();
                int lineEnd = lineNo < lines.length ? lineStart + lines[lineNo].length() : start;
                if (lineNo < lines.length) {
                    int width = Math.min(end, lineEnd) - start;
                    report.add(lines[lineNo]);
                    report.add(" ".repeat(start - lineStart) + (width > 1 ? "^" + "-".repeat(width - 2) + "^" : "^"));
                }
            }
        }
        if (messages.isEmpty()) {
            messages.add("rejected: " + source.strip());
            report.add(messages.get(0));
        }
        return new CellException.CompilationException(String.join("; ", messages), report);
    }

    private CellException converted(JShellException ex) {
        if (ex instanceof UnresolvedReferenceException u) {
            String missing = shell.unresolvedDependencies(u.getSnippet()).collect(Collectors.joining(", "));
            String msg = describe(u.getSnippet()) + " cannot be used until " + missing + " is defined";
            return new CellException.CompilationException(msg, List.of(msg));
        }
        List<String> report = new ArrayList<>();
        String message = null;
        for (Throwable t = ex; t != null; t = t.getCause()) {
            String name = t instanceof EvalException e ? e.getExceptionClassName() : t.getClass().getName();
            String line = t.getMessage() == null ? name : name + ": " + t.getMessage();
            if (message == null) {
                message = line;
                report.add(line);
            } else {
                report.add("Caused by: " + line);
            }
            for (StackTraceElement el : t.getStackTrace()) {
                boolean cellFrame = el.getClassName().startsWith("REPL.");
                report.add("\tat " + (cellFrame ? "cell (" + el.getMethodName() + ")" : el.toString()));
                if (cellFrame && el.getMethodName().equals("do_it$")) break; // the rest is JShell's machinery
            }
        }
        return new CellException.EvaluationException(message, report);
    }

    private static String describe(Snippet s) {
        return s.kind().name().toLowerCase(Locale.ROOT) + " '" + s.source().strip().lines().findFirst().orElse("") + "'";
    }

    /** Completion at {@code cursor}, run on the snippet of the cell that holds the cursor. */
    ReplacementOptions complete(String code, int cursor) {
        SnippetAt at = snippetAt(code, cursor);
        int[] anchor = new int[1];
        List<String> options = shell.sourceCodeAnalysis()
                .completionSuggestions(at.text(), cursor - at.offset(), anchor).stream()
                .map(SourceCodeAnalysis.Suggestion::continuation)
                .distinct()
                .toList();
        return new ReplacementOptions(options, anchor[0] + at.offset(), cursor);
    }

    /**
     * Signatures of what is at {@code cursor}, each with its Javadoc: the JDK's where it ships sources, the kvik
     * notebook API's from the sources in the kernel jar ({@link ApiDocs}).
     */
    String documentation(String code, int cursor) {
        SnippetAt at = snippetAt(code, cursor);
        return shell.sourceCodeAnalysis().documentation(at.text(), cursor - at.offset(), true).stream()
                .map(d -> {
                    String doc = d.javadoc() == null || d.javadoc().isBlank() ? apiDocs.forSignature(d.signature()) : d.javadoc();
                    return doc == null || doc.isBlank() ? d.signature() : d.signature() + "\n" + doc;
                })
                .collect(Collectors.joining("\n\n"));
    }

    /** Whether the cell ends in complete code, per JShell's own analysis. */
    Completeness completeness(String code) {
        String remaining = code;
        Completeness last = Completeness.EMPTY;
        while (!remaining.isBlank()) {
            CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(remaining);
            last = info.completeness();
            if (!last.isComplete()) break;
            remaining = info.remaining();
        }
        return last;
    }

    private record SnippetAt(String text, int offset) {
    }

    private SnippetAt snippetAt(String code, int cursor) {
        int offset = 0;
        String remaining = code;
        while (true) {
            CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(remaining);
            int consumed = remaining.length() - info.remaining().length();
            if (!info.completeness().isComplete() || consumed <= 0 || offset + consumed >= cursor) {
                return new SnippetAt(code.substring(offset, Math.max(offset, Math.min(code.length(), cursor))), offset);
            }
            offset += consumed;
            remaining = code.substring(offset);
        }
    }

    @Override
    public void close() {
        shell.close();
    }
}

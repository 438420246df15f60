package no.kvik.kernel;

import java.util.List;

/**
 * A cell that did not run to the end. Jupyter shows the simple class name as {@code ename}, the message
 * as {@code evalue} and {@link #report()} as the traceback.
 */
public abstract class CellException extends Exception {

    private final List<String> report;

    CellException(String message, List<String> report) {
        super(message, null, false, false);
        this.report = List.copyOf(report);
    }

    /** Lines shown to the user in place of a Java stack trace of the kernel itself. */
    public List<String> report() {
        return report;
    }

    /** The cell's Java code does not compile (or uses a definition that is still missing). */
    public static final class CompilationException extends CellException {
        CompilationException(String message, List<String> report) {
            super(message, report);
        }
    }

    /** The cell's code threw; the message names the exception class thrown by the user's code. */
    public static final class EvaluationException extends CellException {
        EvaluationException(String message, List<String> report) {
            super(message, report);
        }
    }

    /** The cell was stopped by an interrupt request. */
    public static final class Interrupted extends CellException {
        Interrupted() {
            super("cell interrupted", List.of("cell interrupted"));
        }
    }

    /** A magic line (%classpath, %maven) failed. */
    public static final class MagicException extends CellException {
        MagicException(String message) {
            super(message, List.of(message));
        }
    }
}

package no.kvik.notebook;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * "12/89 indicators" lines for a notebook call that takes a while, printed to the cell's output: after an
 * indicator when a second or more has passed since the start or the last line, and after the last one, so a
 * long call shows it is moving without flooding the cell (a call of quick indicators prints one line a second).
 */
final class Progress {
    static final long INTERVAL_NANOS = 1_000_000_000L;

    private final String task;
    private final int total;
    private final PrintStream out;
    private final LongSupplier nanoTime;
    private final long start;
    private long lastPrinted;
    private int done;

    Progress(String task, int total, PrintStream out, LongSupplier nanoTime) {
        this.task = task;
        this.total = total;
        this.out = out;
        this.nanoTime = nanoTime;
        this.start = nanoTime.getAsLong();
        this.lastPrinted = start;
    }

    /** Progress on {@code System.out}, which the kvik kernel sends to the running cell. */
    static Progress toConsole(String task, int total) {
        return new Progress(task, total, System.out, System::nanoTime);
    }

    /** One more item finished: {@code item} names it on the line, if one is printed. */
    void done(String item) {
        done++;
        long now = nanoTime.getAsLong();
        if (done < total && now - lastPrinted < INTERVAL_NANOS) return;
        lastPrinted = now;
        out.printf(Locale.ROOT, "%s: %d/%d indicators (%s), %.1f s%n", task, done, total, item, (now - start) / 1e9);
        out.flush();
    }
}

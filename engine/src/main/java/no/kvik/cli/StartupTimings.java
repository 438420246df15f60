package no.kvik.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The split of a command's wall time into its fixed cost (JVM start, catalogue, store open, writing) and the
 * indicators' own work, for {@code kvik bench}: a run started with {@value #PROPERTY}=true prints it on stderr as
 * one line ({@value #PREFIX} name=ms ...). Silent otherwise; the marks cost a nanoTime call each.
 */
final class StartupTimings {
    static final String PROPERTY = "kvik.timings";
    static final String PREFIX = "kvik-timings:";
    private static final boolean ON = Boolean.getBoolean(PROPERTY);
    private static final List<String> NAMES = new ArrayList<>();
    private static final List<Long> NANOS = new ArrayList<>();
    private static long last = System.nanoTime();
    private static long mainStarted;

    private StartupTimings() {
    }

    static boolean on() {
        return ON;
    }

    /** At the top of main: the JVM's own start (process start to main) is read from the runtime bean. */
    static synchronized void mainStarted() {
        mainStarted = System.nanoTime();
        last = mainStarted;
    }

    /** Ends phase {@code name} now (its time is from the previous mark). */
    static synchronized void mark(String name) {
        long now = System.nanoTime();
        add(name, now - last);
        last = now;
    }

    /** Adds {@code nanos} to phase {@code name} without moving the clock (a part measured inside another phase). */
    static synchronized void add(String name, long nanos) {
        int i = NAMES.indexOf(name);
        if (i < 0) {
            NAMES.add(name);
            NANOS.add(nanos);
        } else {
            NANOS.set(i, NANOS.get(i) + nanos);
        }
    }

    /** Prints the line when timings are on: jvm (start to main), the phases in order, and main to now. */
    static synchronized void print() {
        if (!ON) return;
        StringBuilder line = new StringBuilder(PREFIX);
        long jvm = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime()
                - (System.nanoTime() - mainStarted) / 1_000_000;
        line.append(" jvm=").append(jvm);
        for (int i = 0; i < NAMES.size(); i++) {
            line.append(' ').append(NAMES.get(i)).append('=')
                    .append(String.format(Locale.ROOT, "%.0f", NANOS.get(i) / 1e6));
        }
        line.append(String.format(Locale.ROOT, " main=%.0f", (System.nanoTime() - mainStarted) / 1e6));
        System.err.println(line);
    }
}

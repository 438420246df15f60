package no.kvik.cli;

import java.util.Locale;
import no.kvik.config.Timings;

/**
 * The split of a command's wall time into its fixed cost (JVM start, catalogue, store open, writing) and the
 * indicators' own work, for {@code kvik bench}: a run started with {@value #PROPERTY}=true prints it on stderr as
 * one line ({@value #PREFIX} name=ms ...). Silent otherwise; the marks cost a nanoTime call each. The phases are kept
 * by {@link Timings}, so the store and the writers add their own parts.
 */
final class StartupTimings {
    static final String PROPERTY = Timings.PROPERTY;
    static final String PREFIX = "kvik-timings:";
    private static long last = System.nanoTime();
    private static long mainStarted;

    private StartupTimings() {
    }

    static boolean on() {
        return Timings.on();
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
    static void add(String name, long nanos) {
        Timings.add(name, nanos);
    }

    /** Prints the line when timings are on: jvm (start to main), the phases in order, main to now and the process CPU. */
    static synchronized void print() {
        if (!Timings.on()) return;
        StringBuilder line = new StringBuilder(PREFIX);
        long jvm = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime()
                - (System.nanoTime() - mainStarted) / 1_000_000;
        line.append(" jvm=").append(jvm);
        Timings.phases().forEach((name, nanos) -> line.append(' ').append(name).append('=')
                .append(String.format(Locale.ROOT, "%.0f", nanos / 1e6)));
        line.append(String.format(Locale.ROOT, " main=%.0f", (System.nanoTime() - mainStarted) / 1e6));
        // the process's CPU time so far: on a shared machine it varies far less than wall time
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            line.append(String.format(Locale.ROOT, " cpu=%.0f", os.getProcessCpuTime() / 1e6));
        }
        System.err.println(line);
    }
}

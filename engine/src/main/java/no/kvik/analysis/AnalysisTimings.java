package no.kvik.analysis;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where one indicator's analysis spends its time (issue #17): with {@value #PROPERTY}=true, {@link Analysis#analyse}
 * prints one line on stderr, {@value #PREFIX} indicator-id phase=ms …, in the order the phases ran. Silent
 * otherwise (a nanoTime call per phase). After the wall times, {@code cpu:} and the same phases in process CPU
 * milliseconds, the figure that still means something on a saturated machine. Only the indicator's id and durations are printed, never data.
 */
final class AnalysisTimings {
    static final String PROPERTY = "kvik.timings";
    static final String PREFIX = "kvik-analysis-timings:";
    private static final boolean ON = Boolean.getBoolean(PROPERTY);
    private final Map<String, Long> nanos = new LinkedHashMap<>();
    private final Map<String, Long> cpuNanos = new LinkedHashMap<>();
    private long last = System.nanoTime();
    private long lastCpu = ON ? processCpuNanos() : 0;

    /** Ends phase {@code name} now (its time runs from the previous mark); a repeated name adds up. */
    void mark(String name) {
        long now = System.nanoTime();
        nanos.merge(name, now - last, Long::sum);
        last = now;
        if (ON) {
            // the process's CPU, DuckDB's worker threads included: on a shared machine wall time mostly measures the load
            long cpu = processCpuNanos();
            cpuNanos.merge(name, cpu - lastCpu, Long::sum);
            lastCpu = cpu;
        }
    }

    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }

    /** Prints the line when timings are on. */
    void print(String indicatorId) {
        if (!ON) return;
        StringBuilder line = new StringBuilder(PREFIX).append(' ').append(indicatorId);
        long total = 0;
        for (Map.Entry<String, Long> e : nanos.entrySet()) {
            line.append(' ').append(e.getKey()).append('=').append(String.format(Locale.ROOT, "%.1f", e.getValue() / 1e6));
            total += e.getValue();
        }
        line.append(String.format(Locale.ROOT, " total=%.1f", total / 1e6));
        // then the same phases in process CPU ms (of every thread in the JVM, so other work running meanwhile counts)
        line.append(" cpu:");
        long cpuTotal = 0;
        for (Map.Entry<String, Long> e : cpuNanos.entrySet()) {
            line.append(' ').append(e.getKey()).append('=').append(String.format(Locale.ROOT, "%.1f", e.getValue() / 1e6));
            cpuTotal += e.getValue();
        }
        line.append(String.format(Locale.ROOT, " total=%.1f", cpuTotal / 1e6));
        System.err.println(line);
    }
}

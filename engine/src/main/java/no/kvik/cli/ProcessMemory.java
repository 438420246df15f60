package no.kvik.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Peak memory and CPU time of a process as the benchmarks print them: the peak resident set (Linux
 * {@code /proc/PID/status} VmHWM: Java heap, DuckDB's buffers and everything native together), the Java heap's peak,
 * and process CPU seconds (which, unlike wall time, hardly depend on the machine's load).
 */
final class ProcessMemory {
    private ProcessMemory() {
    }

    /** Peak resident set of a process in bytes (VmHWM), empty where /proc is not there or the process has ended. */
    static OptionalLong peakRss(long pid) {
        return statusField(Path.of("/proc", Long.toString(pid), "status"), "VmHWM:");
    }

    /** This process's peak resident set in bytes since its start or the last {@link #resetPeaks()}. */
    static OptionalLong peakRss() {
        return peakRss(ProcessHandle.current().pid());
    }

    /**
     * Starts a new peak for this process: the kernel's high-water mark (writing 5 to /proc/self/clear_refs, Linux 4.0
     * and later; returns false where that is refused, then {@link #peakRss()} stays the peak since start) and the
     * Java heap pools' peaks.
     */
    static boolean resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) pool.resetPeakUsage();
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The Java heap's peak use in bytes since start or the last {@link #resetPeaks()} (sum of the heap pools' peaks). */
    static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) sum += pool.getPeakUsage().getUsed();
        }
        return sum;
    }

    /** CPU seconds this process has used (all threads, DuckDB's included), or NaN where the JVM does not say. */
    static double cpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long ns = os.getProcessCpuTime();
            return ns < 0 ? Double.NaN : ns / 1e9;
        }
        return Double.NaN;
    }

    /** The one-minute load average, printed with every figure (the machine is shared). */
    static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** A size in bytes as GB with two decimals, or "n/a". */
    static String gb(OptionalLong bytes) {
        return bytes.isPresent() ? gb(bytes.getAsLong()) : "n/a";
    }

    static String gb(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.2f GB", bytes / 1e9);
    }

    /** A "Name:   123 kB" field of a /proc status file, in bytes. */
    static OptionalLong statusField(Path status, String field) {
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.US_ASCII)) {
                if (line.startsWith(field)) {
                    String[] parts = line.substring(field.length()).trim().split("\\s+");
                    long value = Long.parseLong(parts[0]);
                    return OptionalLong.of(parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value);
                }
            }
            return OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}

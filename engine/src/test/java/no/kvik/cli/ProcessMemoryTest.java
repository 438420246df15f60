package no.kvik.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Peak memory as the benchmarks read it from /proc/PID/status. */
class ProcessMemoryTest {

    @Test
    void readsAFieldInKilobytesAsBytes(@TempDir Path dir) throws Exception {
        // the layout of /proc/PID/status (proc(5)): name, colon, spaces or a tab, value, unit
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\tjava\nVmPeak:\t 9343484 kB\nVmHWM:\t 1612820 kB\nVmRSS:\t  980596 kB\n");
        assertEquals(OptionalLong.of(1_612_820L * 1024), ProcessMemory.statusField(status, "VmHWM:"));
        assertEquals(OptionalLong.empty(), ProcessMemory.statusField(status, "VmSwap:"));
        assertEquals(OptionalLong.empty(), ProcessMemory.statusField(dir.resolve("missing"), "VmHWM:"));
    }

    @Test
    void thisProcessHasAPeakAtLeastItsHeapInUse() {
        if (!Files.isDirectory(Path.of("/proc/self"))) return; // only Linux has /proc
        long[] keep = new long[4_000_000]; // 32 MB touched, so resident
        java.util.Arrays.fill(keep, 1L);
        OptionalLong peak = ProcessMemory.peakRss();
        assertTrue(peak.isPresent());
        assertTrue(peak.getAsLong() >= 32_000_000L + keep[0], "peak " + peak.getAsLong());
        assertTrue(ProcessMemory.peakHeap() >= 32_000_000L, "heap peak " + ProcessMemory.peakHeap());
    }
}

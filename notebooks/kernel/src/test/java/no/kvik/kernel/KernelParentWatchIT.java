package no.kvik.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel ends when the client named in JPY_PARENT_PID ends without asking it to shut down (a killed
 * Jupyter server or nbconvert), and keeps running while that client lives.
 */
class KernelParentWatchIT {

    @TempDir
    Path tmp;

    @Test
    void kernelExitsWhenItsParentProcessDies() throws Exception {
        // the "client": a process that lives until the test kills it
        Process parent = new ProcessBuilder("sleep", "600").start();
        try (KernelProcess kernel = KernelProcess.start(tmp, List.of(),
                Map.of(KernelMain.PARENT_PID_VARIABLE, Long.toString(parent.pid())))) {
            kernel.awaitReady(Duration.ofSeconds(60));
            // while the client lives, the kernel answers and stays
            assertFalse(kernel.process().waitFor(2, TimeUnit.SECONDS), () -> "kernel exited with its client alive\n" + kernel.log());
            assertTrue(parent.destroyForcibly().waitFor(10, TimeUnit.SECONDS), "the client process did not end within 10 s");
            assertTrue(kernel.process().waitFor(30, TimeUnit.SECONDS),
                    () -> "kernel still running 30 s after its client died\n" + kernel.log());
            assertTrue(kernel.log().contains("its client (process " + parent.pid() + ") has ended"), kernel::log);
        } finally {
            parent.destroyForcibly();
        }
    }

    @Test
    void kernelWhoseParentIsAlreadyGoneExitsAtOnce() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        assertTrue(gone.waitFor(10, TimeUnit.SECONDS), "true did not end within 10 s");
        try (KernelProcess kernel = KernelProcess.start(tmp, List.of(),
                Map.of(KernelMain.PARENT_PID_VARIABLE, Long.toString(gone.pid())))) {
            assertTrue(kernel.process().waitFor(30, TimeUnit.SECONDS), () -> "kernel outlived a parent that was gone\n" + kernel.log());
        }
    }
}

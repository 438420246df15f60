package no.kvik.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 50 consecutive kernel starts, each answered and shut down cleanly within a deadline: a start that hangs
 * (the failure seen with other JVM kernels) fails the test. Prints the start times.
 */
class KernelStartLoopIT {

    private static final int STARTS = 50;
    private static final Duration START_DEADLINE = Duration.ofSeconds(30);
    private static final Duration SHUTDOWN_DEADLINE = Duration.ofSeconds(15);

    @TempDir
    Path tmp;

    @Test
    void fiftyConsecutiveStartsAnswerAndShutDown() throws Exception {
        List<Long> startMillis = new ArrayList<>();
        for (int i = 1; i <= STARTS; i++) {
            try (KernelProcess kernel = KernelProcess.start(tmp, List.of())) {
                Duration started;
                try {
                    started = kernel.awaitReady(START_DEADLINE);
                } catch (AssertionError e) {
                    throw new AssertionError("start " + i + " of " + STARTS + " did not answer within " + START_DEADLINE
                            + " (earlier starts, ms: " + startMillis + ")", e);
                }
                startMillis.add(started.toMillis());
                assertEquals(0, kernel.shutdown(SHUTDOWN_DEADLINE), () -> "exit code of start " + startMillis.size() + "\n" + kernel.log());
            }
        }
        List<Long> sorted = startMillis.stream().sorted().toList();
        System.out.printf("%d kernel starts, ms to kernel_info reply: min %d, median %d, max %d; all: %s%n",
                STARTS, sorted.get(0), sorted.get(STARTS / 2), sorted.get(STARTS - 1), startMillis);
        assertEquals(STARTS, startMillis.size());
    }
}

package no.kvik.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Ten times Norway (issue #17): synth takes scales up to 20; beyond, a clear error naming the option. */
class SynthScaleLimitTest {

    @Test
    void tenTimesNorwayIsAcceptedAndTwentyIsTheLimit() {
        assertEquals(10.0, new Synthesizer.Settings(10, 2024, 2024, 7, Path.of("out"), 1).scale());
        assertEquals(20.0, new Synthesizer.Settings(20, 2024, 2024, 7, Path.of("out"), 1).scale());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Synthesizer.Settings(20.5, 2024, 2024, 7, Path.of("out"), 1));
        assertEquals("--scale must be in (0, 20], got 20.5", e.getMessage());
    }
}

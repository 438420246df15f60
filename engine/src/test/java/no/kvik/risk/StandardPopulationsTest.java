package no.kvik.risk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import no.kvik.reference.StandardPopulations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandardPopulationsTest {

    @Test
    void shippedEsp2013MatchesTheWeightsUsedInTheReferenceTest() {
        // Maven runs tests in engine/; the repo's data/reference is one level up
        StandardPopulation esp = StandardPopulations.esp2013(Path.of("..", "data", "reference"));
        StandardPopulation expected = DirectStandardisationTest.esp2013();
        assertEquals(expected.strata(), esp.strata());
        assertArrayEquals(expected.weights(), esp.weights(), 0);
        double sum = 0;
        for (double w : esp.weights()) {
            sum += w;
        }
        assertEquals(100000, sum, 0);
    }

    @Test
    void badWeightNamesFileRowAndField(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("std.csv");
        Files.write(f, List.of("stratum,w", "a,10", "b,x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StandardPopulations.read(f, "stratum", "w", "mine"));
        assertTrue(e.getMessage().contains("row 2, field w"), e.getMessage());
    }
}

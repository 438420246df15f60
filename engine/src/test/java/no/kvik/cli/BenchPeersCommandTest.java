package no.kvik.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The peers' output as bench-peers reads it, and the default year it measures. */
class BenchPeersCommandTest {
    @TempDir
    Path tmp;

    @Test
    void readsUnitsWithExpectedOrWithout() throws Exception {
        Path csv = Files.writeString(tmp.resolve("p.csv"),
                "unit,numerator,denominator,expected\n974589095,4.0,5.0,1.3190821303609725\n0301,3572,14354,\n1101,83,304,NA\n");
        Map<String, double[]> units = BenchPeersCommand.readPeer(csv);
        assertEquals(3, units.size());
        assertArrayEquals(new double[] {4, 5, 1.3190821303609725}, units.get("974589095"));
        assertEquals(14354, units.get("0301")[1]);
        assertTrue(Double.isNaN(units.get("0301")[2]));
        assertTrue(Double.isNaN(units.get("1101")[2]));
    }

    @Test
    void badOutputNamesFileRowAndField() throws Exception {
        Path header = Files.writeString(tmp.resolve("h.csv"), "unit,num,den\n");
        assertTrue(assertThrows(IllegalStateException.class, () -> BenchPeersCommand.readPeer(header)).getMessage()
                .contains("h.csv: expected the header"));
        Path value = Files.writeString(tmp.resolve("v.csv"), "unit,numerator,denominator,expected\nA,1,2,3\nB,1,x,3\n");
        assertEquals(value + " row 3, field denominator: not a number",
                assertThrows(IllegalStateException.class, () -> BenchPeersCommand.readPeer(value)).getMessage());
    }

    @Test
    void targetsLineSaysMetOrMissed() {
        // hand: pandas 0.67 / 1.21 = 0.55× (< 10×), R 12.1 / 1.21 = 10.00× (≥ 5×); 1.21 / 0.58 − 1 = 108.6 % (> 20 %)
        Map<String, Double> peers = new java.util.LinkedHashMap<>();
        peers.put("pandas + statsmodels", 0.67);
        peers.put("R data.table + glm", 12.1);
        assertEquals("targets, ami_30d_survival loaded: pandas + statsmodels 0.55× kvik with analysis (target ≥ 10×: missed);"
                + " R data.table + glm 10.00× kvik with analysis (target ≥ 5×: met); analysis adds 109 % to the engine run"
                + " (target ≤ 20 %: missed)", BenchPeersCommand.targets("ami_30d_survival", 0.58, 1.21, peers));
        // 0.60 / 0.50 − 1 = 20 %: met at the bound (up to rounding: 0.6 / 0.5 is 1.2 in doubles)
        assertTrue(BenchPeersCommand.targets("x", 0.50, 0.60, Map.of()).endsWith("(target ≤ 20 %: met)"));
    }

    @Test
    void defaultYearIsTheOneBeforeTheLatestSomaticFile() throws Exception {
        for (String f : new String[] {"npr_somatic_2022.csv", "npr_somatic_2024.csv", "death_2025.csv", "npr_somatic_2023.csv"}) {
            Files.writeString(tmp.resolve(f), "");
        }
        assertEquals(2024, BenchPeersCommand.latestYear(tmp));
    }
}

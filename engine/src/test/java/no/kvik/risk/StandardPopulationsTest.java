package no.kvik.risk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import no.kvik.reference.StandardPopulation;
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

    /*
     * The shipped Norway table: Statistics Norway's 1 January 2024 population as published in the Human Mortality
     * Database's Norway Population.txt (single years 0 … 105+), added up by hand into ESP 2013 age groups.
     * SSB's national total for 1 January 2024 is 5,550,203 (ssb.no, "Population and population changes").
     */
    static final double NATIONAL = 5_550_203;
    static final double MALES = 2_795_718;
    static final double FEMALES = 2_754_485;

    @Test
    void shippedNorwayTableHoldsSsbTotalsBySex() {
        StandardPopulation nor = StandardPopulations.norway2024(Path.of("..", "data", "reference"));
        assertEquals("NOR2024", nor.name());
        assertEquals(42, nor.strata().size());
        assertEquals("M 0", nor.strata().get(0));
        assertEquals("F 95+", nor.strata().get(41));
        double[] w = nor.weights();
        double m = 0;
        double f = 0;
        for (int i = 0; i < 21; i++) {
            m += w[i];
            f += w[21 + i];
        }
        assertEquals(MALES, m, 0);
        assertEquals(FEMALES, f, 0);
        assertEquals(NATIONAL, m + f, 0);
        // HMD 2024 rows: males aged 0 = 26,771; males 1-4 = 27,202 + 29,766 + 28,338 + 29,373
        assertEquals(26_771, w[0], 0);
        assertEquals(114_679, w[1], 0);
        // females 95 … 105+ = 2,351 + 1,727 + 1,288 + 938 + 697 + 391 + 266 + 151 + 90 + 53 + 76
        assertEquals(8_028, w[41], 0);
    }

    @Test
    void norwayBothSexesHasTheEsp2013StrataAndAddsTheSexes() {
        Path ref = Path.of("..", "data", "reference");
        StandardPopulation both = StandardPopulations.norway2024BothSexes(ref);
        assertEquals(StandardPopulations.esp2013(ref).strata(), both.strata());
        assertEquals(StandardPopulations.AGE_GROUPS, both.strata());
        // 85-89: males 30,322 + females 44,937
        assertEquals(75_259, both.weights()[18], 0);
        double sum = 0;
        for (double x : both.weights()) sum += x;
        assertEquals(NATIONAL, sum, 0);
    }

    @Test
    void directStandardisationToNorwayByHand() {
        // A unit with 10 deaths among 200 persons aged 85-89 and 12 among 100 aged 90-94, nobody else.
        // Norway 2024 (both sexes): 85-89 = 75,259, 90-94 = 11,657 + 23,298 = 34,955; total 5,550,203.
        // DSR = (75259 * 10/200 + 34955 * 12/100) / 5550203 = (3762.95 + 4194.6) / 5550203 = 7957.55 / 5550203
        // var = (75259/5550203)^2 * 10/200^2 + (34955/5550203)^2 * 12/100^2
        StandardPopulation both = StandardPopulations.norway2024BothSexes(Path.of("..", "data", "reference"));
        DirectResult d = DirectStandardisation.compute(List.of(new StratumCount("85-89", 10, 200),
                new StratumCount("90-94", 12, 100)), both, 0.95, 1);
        assertEquals(7957.55 / 5550203, d.rate(), 1e-15);
        double v = Math.pow(75259.0 / 5550203, 2) * 10 / 40000 + Math.pow(34955.0 / 5550203, 2) * 12 / 10000;
        assertEquals(v, d.variance(), 1e-20);
        assertEquals(22, d.events(), 0);
        assertEquals(300, d.population(), 0);
        assertTrue(d.low() < d.rate() && d.rate() < d.high(), d.toString());
    }

    @Test
    void aBrokenNorwayTableNamesFileRowAndField(@TempDir Path dir) throws Exception {
        Path f = dir.resolve(StandardPopulations.NORWAY_FILE);
        Files.write(f, List.of("sex,age_group,population", "M,0,26771", "K,1-4,1"));
        assertEquals("file " + f + ", row 2, field sex: 'K' is not M or F", norwayError(dir));
        Files.write(f, List.of("sex,age_group,population", "M,0,2.5"));
        assertEquals("file " + f + ", row 1, field population: '2.5' is not a whole number >= 0", norwayError(dir));
        Files.write(f, List.of("sex,age_group,population", "M,85+,1"));
        assertTrue(norwayError(dir).startsWith("file " + f + ", row 1, field age_group: '85+' is not one of [0, 1-4"));
        Files.write(f, List.of("sex,age_group,population", "M,0,1", "M,0,1"));
        assertEquals("file " + f + ", row 2, field age_group: M 0 given twice", norwayError(dir));
        Files.write(f, List.of("sex,age_group,population", "M,0,1"));
        assertEquals("file " + f + ": no row for sex M, age group 1-4", norwayError(dir));
    }

    private static String norwayError(Path dir) {
        return assertThrows(IllegalArgumentException.class, () -> StandardPopulations.norway2024Table(dir)).getMessage();
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

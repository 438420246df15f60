package no.kvik.oecd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Template rows: counts, crude rates, standardised rates and Fay–Feuer intervals. */
class DeliveryTableTest {
    static final AcuteIndicator AMI = AcuteIndicator.ALL.get(0);

    private static DeliveryRow row(List<DeliveryRow> rows, String sex, String age) {
        return rows.stream().filter(r -> r.sex().equals(sex) && r.ageGroup().equals(age)).findFirst().orElseThrow();
    }

    /**
     * A standard with weight 1 on 45-49 and 85+ only (both sexes), so the sums are short enough to do by hand.
     * Counts (deaths/cases): M 45-49 1/10, M 85+ 3/6, F 45-49 0/5, F 85+ 2/4, plus M 60-64 5/5, which has weight 0.
     * <pre>
     * M: w = 1/2, 1/2.  DSR = 0.5·0.1 + 0.5·0.5 = 0.3
     *    var = (0.5/10)²·1 + (0.5/6)²·3 = 1/400 + 1/48 = 7/300;  wM = max(0.05, 1/12) = 1/12
     *    low  = Gamma⁻¹(0.025; shape DSR²/var = 27/7, scale var/DSR = 7/90)
     *    high = Gamma⁻¹(0.975; shape (DSR+wM)²/(var+wM²) = (23/60)²/(109/3600) = 529/109, scale (109/3600)/(23/60) = 109/1380)
     * F: DSR = 0.5·0 + 0.5·0.5 = 0.25;  var = (0.5/4)²·2 = 1/32;  wM = max(0.1, 0.125) = 0.125
     * T: w = 1/4 each.  DSR = (0.1 + 0.5 + 0 + 0.5)/4 = 0.275
     *    var = (0.025)²·1 + (0.25/6)²·3 + (0.0625)²·2 = 1/1600 + 1/192 + 1/128 = 131/9600;  wM = 0.0625
     * Gamma quantiles by R 4.2.2, e.g. Rscript -e 'qgamma(0.025, shape=27/7, scale=7/90)':
     *   M [0.079192505109207459, 0.792107853319049204]
     *   F [qgamma(0.025, 2, 1/8), qgamma(0.975, 0.375²/(1/32+1/64), (3/64)/0.375)] = [0.030276159817995609, 0.903085958465494776]
     *   T [0.095878620284814878, 0.642450763730016194]
     * </pre>
     */
    @Test
    void handComputedStandardisedRatesAndIntervals() {
        StandardWeights two = OecdFixtures.unisex("TWO", 1, 0, 0, 0, 0, 0, 0, 0, 1);
        List<StratumCounts> cells = List.of(new StratumCounts("M", "45-49", 10, 1), new StratumCounts("M", "85+", 6, 3),
                new StratumCounts("F", "45-49", 5, 0), new StratumCounts("F", "85+", 4, 2),
                new StratumCounts("M", "60-64", 5, 5));
        List<DeliveryRow> rows = DeliveryTable.rows(OecdFixtures.cube(AMI, 2023, cells), two);
        assertEquals(30, rows.size());

        DeliveryRow m = row(rows, "M", "total");
        assertEquals(21, m.cases());
        assertEquals(9, m.deaths());
        assertEquals(9.0 / 21, m.crudeRate(), 1e-15);
        assertEquals(0.3, m.stdRate(), 1e-15);
        assertEquals(0.079192505109207459, m.stdLow(), 1e-12);
        assertEquals(0.792107853319049204, m.stdHigh(), 1e-12);
        assertEquals("TWO", m.standard());
        assertNull(m.note());

        DeliveryRow f = row(rows, "F", "total");
        assertEquals(0.25, f.stdRate(), 1e-15);
        assertEquals(0.030276159817995609, f.stdLow(), 1e-12);
        assertEquals(0.903085958465494776, f.stdHigh(), 1e-12);

        DeliveryRow t = row(rows, "T", "total");
        assertEquals(30, t.cases());
        assertEquals(11, t.deaths());
        assertEquals(0.275, t.stdRate(), 1e-15);
        assertEquals(0.095878620284814878, t.stdLow(), 1e-12);
        assertEquals(0.642450763730016194, t.stdHigh(), 1e-12);

        // age-group rows: crude only; an absent cell is 0/0 with no rate
        DeliveryRow m85 = row(rows, "M", "85+");
        assertEquals(0.5, m85.crudeRate());
        assertNull(m85.stdRate());
        assertNull(m85.standard());
        DeliveryRow f50 = row(rows, "F", "50-54");
        assertEquals(0, f50.cases());
        assertEquals(0, f50.deaths());
        assertNull(f50.crudeRate());
        assertEquals(1.0, row(rows, "T", "60-64").crudeRate());
    }

    /**
     * The shipped Norway standard (1 January 2024, persons aged 45+): men 45-49 … 85+ sum to 1,211,715, of whom
     * 44,730 are 85+ (30,322 + 11,657 + 2,751); women sum to 1,247,442. Every stratum has rate 0.1 (M 1/10,
     * F 2/20) except M 85+ with 5/10 = 0.5, so by hand
     * <pre>
     * M: DSR = 0.1 + 0.4 · 44730 / 1211715
     * F: DSR = 0.1
     * T: DSR = 0.1 + 0.4 · 44730 / (1211715 + 1247442)
     * </pre>
     */
    @Test
    void norwayStandardisedRatesByHand() {
        StandardWeights nor = StandardPopulationSources.norway(no.kvik.config.KvikHome.locate().reference());
        List<StratumCounts> cells = new ArrayList<>();
        for (String age : Strata.AGE_GROUPS) {
            cells.add(new StratumCounts("M", age, 10, age.equals("85+") ? 5 : 1));
            cells.add(new StratumCounts("F", age, 20, 2));
        }
        List<DeliveryRow> rows = DeliveryTable.rows(OecdFixtures.cube(AMI, 2024, cells), nor);
        assertEquals(0.1 + 0.4 * 44730 / 1211715, row(rows, "M", "total").stdRate(), 1e-15);
        assertEquals(0.1, row(rows, "F", "total").stdRate(), 1e-15);
        assertEquals(0.1 + 0.4 * 44730 / (1211715 + 1247442), row(rows, "T", "total").stdRate(), 1e-15);
        assertEquals("NOR2024", row(rows, "T", "total").standard());
    }

    /** ESP 2013 on 18 strata against oecd_reference.R (an independent base-R implementation). */
    @Test
    void esp2013RatesMatchTheRReference() {
        List<StratumCounts> cells = new ArrayList<>();
        for (Map<String, String> r : OecdFixtures.csv("oecd_strata.csv")) {
            cells.add(new StratumCounts(r.get("sex"), r.get("age_group"), Double.parseDouble(r.get("cases")),
                    Double.parseDouble(r.get("deaths"))));
        }
        StandardWeights esp = OecdFixtures.unisex("ESP2013", 7000, 7000, 6500, 6000, 5500, 5000, 4000, 2500, 2500);
        List<DeliveryRow> rows = DeliveryTable.rows(OecdFixtures.cube(AMI, 2023, cells), esp);
        List<Map<String, String>> expected = OecdFixtures.csv("oecd_expected.csv");
        assertEquals(3, expected.size());
        for (Map<String, String> e : expected) {
            DeliveryRow r = row(rows, e.get("sex"), "total");
            assertEquals(Double.parseDouble(e.get("rate")), r.stdRate(), 1e-14, e.get("sex") + " rate");
            assertEquals(Double.parseDouble(e.get("low")), r.stdLow(), 1e-10, e.get("sex") + " low");
            assertEquals(Double.parseDouble(e.get("high")), r.stdHigh(), 1e-10, e.get("sex") + " high");
        }
    }

    @Test
    void anEmptyStratumWithWeightLeavesTheStandardisedRateOutWithANote() {
        StandardWeights two = OecdFixtures.unisex("TWO", 1, 0, 0, 0, 0, 0, 0, 0, 1);
        List<StratumCounts> cells = List.of(new StratumCounts("M", "45-49", 10, 1), new StratumCounts("M", "85+", 6, 3),
                new StratumCounts("F", "85+", 4, 2));
        List<DeliveryRow> rows = DeliveryTable.rows(OecdFixtures.cube(AMI, 2023, cells), two);
        assertEquals(0.3, row(rows, "M", "total").stdRate(), 1e-15);
        for (String sex : List.of("F", "T")) {
            DeliveryRow r = row(rows, sex, "total");
            assertNull(r.stdRate());
            assertNull(r.stdLow());
            assertEquals("standardised rate not computed: no cases in F 45-49 (a stratum with weight > 0)", r.note());
        }
    }

    @Test
    void aSexWithoutWeightInTheStandardGetsNoStandardisedRate() {
        java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
        java.util.Map<String, Double> f = new java.util.LinkedHashMap<>();
        for (String age : Strata.AGE_GROUPS) {
            m.put(age, 1.0);
            f.put(age, 0.0);
        }
        StandardWeights menOnly = new StandardWeights("MEN", "test", Map.of("M", m, "F", f));
        List<StratumCounts> cells = new ArrayList<>();
        for (String age : Strata.AGE_GROUPS) cells.add(new StratumCounts("M", age, 10, 1));
        cells.add(new StratumCounts("F", "85+", 4, 2));
        List<DeliveryRow> rows = DeliveryTable.rows(OecdFixtures.cube(AMI, 2023, cells), menOnly);
        assertEquals(0.1, row(rows, "M", "total").stdRate(), 1e-15);
        assertNull(row(rows, "F", "total").stdRate());
        assertEquals("standardised rate not computed: the standard has no weight for sex F", row(rows, "F", "total").note());
        // T: the women's strata weigh 0, so the men's rate is the rate of both
        assertEquals(0.1, row(rows, "T", "total").stdRate(), 1e-15);
    }
}

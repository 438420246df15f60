package no.kvik.risk;

import static no.kvik.testutil.Fixtures.assertClose;
import static no.kvik.testutil.Fixtures.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.kvik.reference.StandardPopulation;
import no.kvik.testutil.Fixtures;
import org.junit.jupiter.api.Test;

/** Direct standardisation against ESP 2013; reference from risk_reference.R (Fay–Feuer chi-square form). */
class DirectStandardisationTest {

    static StandardPopulation esp2013() {
        List<String> strata = new ArrayList<>();
        List<Double> w = new ArrayList<>();
        // same numbers as data/reference/esp2013_standard_population_weights.csv (Eurostat ESP 2013)
        String[] groups = {"0", "1-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44",
                "45-49", "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90-94", "95+"};
        double[] weights = {1000, 4000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500,
                5000, 4000, 2500, 1500, 800, 200};
        return new StandardPopulation("ESP2013", List.of(groups), weights);
    }

    @Test
    void ratesAndFayFeuerIntervalsMatchR() {
        List<Map<String, String>> strata = Fixtures.csv("direct_strata.csv");
        for (Map<String, String> e : Fixtures.csv("direct_expected.csv")) {
            List<StratumCount> counts = strata.stream().filter(r -> r.get("unit").equals(e.get("unit")))
                    .map(r -> new StratumCount(r.get("age_group"), num(r.get("events")), num(r.get("population"))))
                    .toList();
            DirectResult d = DirectStandardisation.compute(counts, esp2013(), 0.95, 1e5);
            String u = e.get("unit");
            assertClose(num(e.get("rate")), d.rate(), 1e-12, u + " rate");
            assertClose(num(e.get("variance")), d.variance(), 1e-12, u + " variance");
            assertClose(num(e.get("low")), d.low(), 1e-9, u + " low");
            assertClose(num(e.get("high")), d.high(), 1e-9, u + " high");
        }
    }

    @Test
    void noEventsGivesZeroRateAndZeroLowerLimit() {
        // hand: one stratum, weight 1, population 1000, 0 events → upper = Gamma⁻¹(0.975; 1, 1/1000) = −ln(0.025)/1000
        StandardPopulation one = new StandardPopulation("one", List.of("all"), new double[] {1});
        DirectResult d = DirectStandardisation.compute(List.of(new StratumCount("all", 0, 1000)), one, 0.95, 1);
        assertEquals(0, d.rate());
        assertEquals(0, d.low());
        assertEquals(-Math.log(0.025) / 1000, d.high(), 1e-15);
    }

    @Test
    void eventsWithoutPopulationAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> DirectStandardisation.compute(
                List.of(new StratumCount("0", 2, 0)), esp2013(), 0.95, 1));
        assertThrows(IllegalArgumentException.class, () -> DirectStandardisation.compute(
                List.of(new StratumCount("100+", 2, 10)), esp2013(), 0.95, 1));
    }
}

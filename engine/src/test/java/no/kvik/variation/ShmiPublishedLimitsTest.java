package no.kvik.variation;

import static no.kvik.testutil.Fixtures.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.kvik.testutil.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Outside validation against NHS SHMI as published (11 quarterly releases, 1,576 trust rows, 4-dp values;
 * fixtures/stats/nhs_shmi_2011_2014.csv, provenance in its header): the 99.8 % Poisson limits are the
 * chi-square limits, and the 95 % over-dispersed limits and the three bands are the SHMI log-scale
 * truncation + DerSimonian–Laird random-effects limits with E rounded to 2 dp.
 */
class ShmiPublishedLimitsTest {
    /** Published values are rounded to 4 dp. */
    private static final double ROUNDING = 0.5e-4 + 1e-12;

    @Test
    void everyPublishedLimitAndBandIsReproduced() {
        Map<String, List<Map<String, String>>> releases = new LinkedHashMap<>();
        for (Map<String, String> r : Fixtures.csv("nhs_shmi_2011_2014.csv")) {
            releases.computeIfAbsent(r.get("DATE"), k -> new ArrayList<>()).add(r);
        }
        assertEquals(11, releases.size());
        int rows = 0;
        for (Map.Entry<String, List<Map<String, String>>> e : releases.entrySet()) {
            List<UnitCount> counts = e.getValue().stream()
                    .map(r -> new UnitCount(r.get("PROVIDER"), num(r.get("OBSERVED")), num(r.get("EXPECTED"))))
                    .toList();
            FunnelResult od = Funnel.compute(counts, FunnelOptions.of(IndicatorKind.RATIO, LimitMethod.SHMI,
                    Overdispersion.ADDITIVE).withLevels(0.95));
            FunnelResult poisson = Funnel.compute(counts, FunnelOptions.of(IndicatorKind.RATIO, LimitMethod.CHISQ,
                    Overdispersion.NONE).withLevels(0.998));
            assertTrue(od.model().adjusted(), e.getKey() + ": tau2 > 0");
            for (int i = 0; i < counts.size(); i++) {
                Map<String, String> r = e.getValue().get(i);
                String w = e.getKey() + " " + r.get("PROVIDER");
                FunnelUnit u = od.units().get(i);
                FunnelUnit p = poisson.units().get(i);
                assertEquals(num(r.get("VALUE")), u.value(), ROUNDING, w + " SHMI");
                assertEquals(num(r.get("OD_LL")), u.limits().get(0).lower(), ROUNDING, w + " OD_LL");
                assertEquals(num(r.get("OD_UL")), u.limits().get(0).upper(), ROUNDING, w + " OD_UL");
                assertEquals(num(r.get("PO_LL")), p.limits().get(0).lower(), ROUNDING, w + " PO_LL");
                assertEquals(num(r.get("PO_UL")), p.limits().get(0).upper(), ROUNDING, w + " PO_UL");
                int band = switch (u.funnelFlag()) {
                    case HIGH_INNER, HIGH_OUTER -> 1;
                    case LOW_INNER, LOW_OUTER -> 3;
                    case AS_EXPECTED -> 2;
                };
                assertEquals((int) num(r.get("OD_BANDING")), band, w + " band");
                rows++;
            }
        }
        assertEquals(1576, rows);
    }
}

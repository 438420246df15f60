package no.kvik.report.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import no.kvik.variation.Funnel;
import no.kvik.variation.FunnelOptions;
import no.kvik.variation.FunnelResult;
import no.kvik.variation.IndicatorKind;
import no.kvik.variation.LimitMethod;
import no.kvik.variation.Limits;
import no.kvik.variation.Overdispersion;
import no.kvik.variation.UnitCount;
import org.junit.jupiter.api.Test;

/**
 * The drawn limit curves, computed for every level at once and on several cores, are bit for bit the limits of each
 * level computed one curve point after the other (what the chart drew before, and what flags a unit).
 */
class FunnelChartCurvesTest {

    /** Forty units from 200 to 40,000 cases whose shares spread well beyond binomial noise: φ > 1, beta-binomial tails. */
    static FunnelResult overDispersed() {
        List<UnitCount> units = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            double n = Math.round(200 * Math.pow(200, i / 39.0));
            double share = 0.2 + (i % 5 - 2) * 0.02;
            units.add(new UnitCount("U" + i, Math.round(share * n), n));
        }
        return Funnel.compute(units, FunnelOptions.of(IndicatorKind.PROPORTION, LimitMethod.EXACT,
                Overdispersion.MULTIPLICATIVE));
    }

    @Test
    void curvesAreEachLevelsLimitsAtEachPoint() {
        FunnelResult r = overDispersed();
        assertTrue(r.model().adjusted() && r.phi() > 1, "over-dispersion in effect: phi " + r.phi());
        FunnelChart.Layout layout = FunnelChart.layout(r, null);
        double[] levels = r.levels();
        assertEquals(2 * levels.length, layout.curves().size());
        for (int k = 0; k < levels.length; k++) {
            double[] hi = new double[FunnelChart.CURVE_POINTS];
            double[] lo = new double[FunnelChart.CURVE_POINTS];
            for (int i = 0; i < FunnelChart.CURVE_POINTS; i++) {
                Limits l = r.model().limits(layout.rho()[i], levels[k], r.options().midP());
                hi[i] = l.upper();
                lo[i] = l.lower();
            }
            FunnelChart.Curve upper = layout.curves().get(2 * k);
            FunnelChart.Curve lower = layout.curves().get(2 * k + 1);
            assertEquals(levels[k], upper.level());
            assertTrue(upper.upper() && !lower.upper());
            assertArrayEquals(hi, upper.values(), "upper " + levels[k]);
            assertArrayEquals(lo, lower.values(), "lower " + levels[k]);
        }
    }
}

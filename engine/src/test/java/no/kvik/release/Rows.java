package no.kvik.release;

import java.time.LocalDate;
import no.kvik.engine.IndicatorResult;

/** Hand-made result rows for the release tests (tertials of hip_fracture_surgery_48h unless told). */
final class Rows {
    private Rows() {
    }

    static IndicatorResult tertial(String id, int year, int t, String level, String unit, Double num, Double den,
                                   String goal, String funnelFlag, Boolean fdr, String trend) {
        LocalDate start = LocalDate.of(year, 1 + 4 * (t - 1), 1);
        Double value = num == null ? null : num / den;
        return new IndicatorResult(id, "1.0.0", start, start.plusMonths(4), year + "-T" + t, level, unit, "Unit " + unit,
                num, den, value, value == null ? null : value - 0.01, value == null ? null : value + 0.01, null, null, null, null, null,
                null, null, null, funnelFlag, fdr, trend, goal, num == null ? "primary_denominator" : null);
    }

    static IndicatorResult plain(String id, int year, int t, String level, String unit, Double num, Double den) {
        return tertial(id, year, t, level, unit, num, den, null, null, null, null);
    }
}

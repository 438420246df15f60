package no.kvik.variation;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import no.kvik.risk.Glm;
import no.kvik.risk.GlmException;
import no.kvik.risk.GlmFamily;
import no.kvik.risk.GlmFit;

/**
 * Per-unit trend alert: regression of the unit's counts on period over its last periods — logistic for
 * proportions (logit p = a + b·t), Poisson with offset log(denominator) for ratios and rates
 * (log μ = log E + a + b·t) — with R glm's IRLS and a Wald test on b. A unit whose slope cannot be
 * estimated (no events, separation) gets NaN values, no flag and a note, so one unit never stops the others.
 */
public final class TrendTest {
    private TrendTest() {
    }

    /**
     * @param lastPeriods use only the latest this many periods (periods with a zero denominator are skipped)
     * @param alpha       significance level for the flag
     */
    public static TrendResult test(String unit, List<TrendPoint> series, IndicatorKind kind, Direction direction,
                                   int lastPeriods, double alpha) {
        List<TrendPoint> pts = series.stream().filter(t -> t.denominator() > 0)
                .sorted(Comparator.comparingDouble(TrendPoint::period)).toList();
        pts = pts.subList(Math.max(0, pts.size() - lastPeriods), pts.size());
        if (pts.size() < 3) {
            throw new IllegalArgumentException("unit " + unit + ": a trend needs at least 3 periods with activity, got "
                    + pts.size());
        }
        int n = pts.size();
        double[][] x = new double[n][];
        double[] y = new double[n];
        double[] trials = new double[n];
        double[] offset = kind == IndicatorKind.PROPORTION ? null : new double[n];
        for (int i = 0; i < n; i++) {
            TrendPoint t = pts.get(i);
            x[i] = new double[] {1, t.period()};
            y[i] = t.numerator();
            if (kind == IndicatorKind.PROPORTION) {
                trials[i] = t.denominator();
            } else {
                trials[i] = 1;
                offset[i] = Math.log(t.denominator());
            }
        }
        double events = 0;
        double all = 0;
        for (int i = 0; i < n; i++) {
            events += y[i];
            all += kind == IndicatorKind.PROPORTION ? trials[i] : 0;
        }
        // the slope's MLE does not exist when there are no events (or, for proportions, only events)
        if (events == 0) {
            return TrendResult.notEstimable(unit, n, "no events in the periods tested");
        }
        if (kind == IndicatorKind.PROPORTION && events == all) {
            return TrendResult.notEstimable(unit, n, "every case is an event in the periods tested");
        }
        GlmFit fit;
        try {
            // the trend uses the slope and its Wald test only: no null deviance or AIC
            fit = Glm.fitCoefficients(List.of("(Intercept)", "period"), x, y, trials, offset,
                    kind == IndicatorKind.PROPORTION ? GlmFamily.BINOMIAL_LOGIT : GlmFamily.POISSON_LOG);
        } catch (GlmException e) {
            return TrendResult.notEstimable(unit, n, e.getMessage());
        }
        double b = fit.coefficients()[1];
        double p = fit.p(1);
        return new TrendResult(unit, n, b, fit.standardErrors()[1], fit.z(1), p, Math.exp(b), flag(direction, b, p, alpha), "");
    }

    /** Every value {@link #flag} can return for {@code direction}: "" and the two flags of a significant slope. */
    public static Set<String> flags(Direction direction) {
        return Set.of("", flag(direction, 1, 0, 1), flag(direction, -1, 0, 1));
    }

    /** The direction-aware flag of a slope b with two-sided p, significant when p < alpha; "" otherwise. */
    public static String flag(Direction direction, double b, double p, double alpha) {
        if (!(p < alpha)) return "";
        boolean up = b > 0;
        return switch (direction) {
            case NONE -> up ? "increasing" : "decreasing";
            case HIGHER_IS_BETTER -> up ? "improving" : "deteriorating";
            case LOWER_IS_BETTER -> up ? "deteriorating" : "improving";
        };
    }
}

package no.kvik.risk;

import java.util.ArrayList;
import java.util.List;

/** Indirect standardisation: O/E with exact Poisson interval and the risk-adjusted rate (O/E) × national rate. */
public final class IndirectStandardisation {
    private IndirectStandardisation() {
    }

    /**
     * @param nationalRate overall crude event rate ΣO/Σn of the population the model was fitted on
     * @param survival     true for survival indicators: adjusted survival = 1 − adjusted mortality, interval flipped
     */
    public static List<IndirectResult> compute(List<UnitExpected> units, double nationalRate, double level,
                                               boolean survival) {
        List<IndirectResult> out = new ArrayList<>();
        for (UnitExpected u : units) {
            if (!(u.expected() > 0)) {
                throw new IllegalArgumentException("unit " + u.unit() + ": expected count must be > 0, got "
                        + u.expected());
            }
            double oe = u.observed() / u.expected();
            Interval ci = PoissonIntervals.ratio(u.observed(), u.expected(), level);
            // risk-adjusted rate = (O/E) × national rate (AHRQ RAR; PHS/SHMI indirect standardisation)
            double adj = oe * nationalRate;
            double lo = ci.low() * nationalRate;
            double hi = ci.high() * nationalRate;
            if (survival) {
                out.add(new IndirectResult(u.unit(), u.observed(), u.cases(), u.expected(), oe, ci.low(), ci.high(),
                        1 - adj, 1 - hi, 1 - lo));
            } else {
                out.add(new IndirectResult(u.unit(), u.observed(), u.cases(), u.expected(), oe, ci.low(), ci.high(),
                        adj, lo, hi));
            }
        }
        return out;
    }

    /** ΣO − ΣE over all units: zero up to the IRLS tolerance for an ML logistic model with an intercept. */
    public static double selfCheck(List<UnitExpected> units) {
        double d = 0;
        for (UnitExpected u : units) {
            d += u.observed() - u.expected();
        }
        return d;
    }
}

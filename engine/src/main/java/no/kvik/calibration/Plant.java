package no.kvik.calibration;

/**
 * A planted effect as the analysis should see it: which indicator, level and unit, on which side of the funnel
 * (the value's side: "high" or "low"), and the indicator value it implies given the national value.
 *
 * @param effect   what truth.json says (log odds ratio, multiplier), for the report
 * @param trend    true for the deteriorating hospital: no level effect in the first year, judged by its trend alert
 */
public record Plant(String outcome, String indicator, String level, String unitId, String unitName, String side,
                    Effect effect, String description, boolean trend) {

    /** How a plant moves the indicator's value θ0 (the national value) to θ1. */
    public sealed interface Effect {
        double planted(double national);
    }

    /** A shift on the logit scale of a proportion: θ1 = expit(logit θ0 + shift). */
    public record LogitShift(double shift) implements Effect {
        public double planted(double p0) {
            return 1 / (1 + Math.exp(-(Math.log(p0 / (1 - p0)) + shift)));
        }
    }

    /** A log odds ratio on an event probability m0 seen as O/E: θ1 = expit(logit m0 + lor)/m0 (θ0 = 1). */
    public record OddsRatioOnRatio(double logOddsRatio, double eventRate) implements Effect {
        public double planted(double oe0) {
            return oe0 * new LogitShift(logOddsRatio).planted(eventRate) / eventRate;
        }
    }

    /** A multiplier on a rate: θ1 = m·θ0. */
    public record RateMultiplier(double multiplier) implements Effect {
        public double planted(double rate0) {
            return multiplier * rate0;
        }
    }

    /** An effect on something other than the indicator's scale (time to surgery for a within-48-hours share). */
    public record NotOnScale(String why) implements Effect {
        public double planted(double national) {
            return Double.NaN;
        }
    }

    /** A rise of the log odds per year from no effect in the first year: judged by the trend alert, not a funnel. */
    public record Trend(double logOddsPerYear) implements Effect {
        public double planted(double national) {
            return Double.NaN;
        }
    }
}

package no.kvik.calibration;

/**
 * How null data are drawn. {@code sd} = 0: pure binomial (proportions) or Poisson (rates, O/E) at the national
 * value. {@code sd} &gt; 0: random unit effects with variance τ² = sd² on the logit scale for proportions
 * (logit-normal) and on the log scale for rates and ratios (log-normal, mean kept at the national value), the
 * between-unit variation the additive over-dispersion model assumes.
 */
public record Scenario(double sd) {
    public Scenario {
        if (!(sd >= 0 && sd < 5)) throw new IllegalArgumentException("random-effect SD must be in [0, 5), got " + sd);
    }

    public String label() {
        return sd == 0 ? "pure" : "re_sd_" + sd;
    }
}

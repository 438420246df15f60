package no.kvik.variation;

import org.apache.commons.numbers.gamma.RegularizedGamma;
import org.apache.commons.statistics.distribution.GammaDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * A fitted funnel: target, method and over-dispersion parameters. Gives limits at any denominator ρ
 * (n for proportions and rates, E for ratios), so the same code serves the units and the drawn curves.
 *
 * @param phi  dispersion ratio φ (NaN when not estimated)
 * @param tau2 additive random-effects variance τ² (0 when not estimated)
 */
public record FunnelModel(IndicatorKind kind, LimitMethod method, double target, Overdispersion overdispersion,
                          double phi, double tau2) {

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    /** Two-sided standard-normal quantile for a coverage level, qnorm((1+level)/2), not a rounded constant. */
    public static double zFor(double level) {
        return STANDARD_NORMAL.inverseSurvivalProbability((1 - level) / 2);
    }

    /** True when over-dispersion widens the limits: multiplicative with φ > 1, or additive with τ² > 0. */
    public boolean adjusted() {
        return switch (overdispersion) {
            case NONE -> false;
            case MULTIPLICATIVE -> phi > 1;
            case ADDITIVE -> tau2 > 0;
        };
    }

    /** The denominator used on the method's scale: SHMI rounds E to 2 dp (FunnelPlotR SHMI_rounding, NEWS 0.4.2). */
    double scaleDenominator(double rho) {
        return scaleDenominator(method, kind, rho);
    }

    /** SHMI ratios use E rounded to 2 dp in the SE and w (statistics.md §3, §4.4); E below 0.005 becomes 0 (not computable). */
    static double scaleDenominator(LimitMethod method, IndicatorKind kind, double rho) {
        return method == LimitMethod.SHMI && kind == IndicatorKind.RATIO ? Math.round(rho * 100) / 100.0 : rho;
    }

    /** Transformed value Y on the method's scale for a unit with O = numerator at denominator ρ (statistics.md §3). */
    public double transformed(double numerator, double rho) {
        double value = numerator / rho;
        return switch (method) {
            case NORMAL, EXACT -> value;
            case ARCSINE -> Math.asin(Math.sqrt(value));
            case CHISQ, CQC -> Math.sqrt(value / target);
            // E unrounded here: with E rounded to 2 dp inside ln, 9 of the 1,576 published NHS SHMI rows
            // (ShmiPublishedLimitsTest) miss their 4-dp limits; unrounded, all match (statistics.md)
            case SHMI -> Math.log(value / target);
            // FunnelPlotR RC: ln((O + 0.5)/(n + 0.5)) (statistics.md §3)
            case RC -> Math.log((numerator + 0.5) / (rho + 0.5));
        };
    }

    /** Target on the method's scale. */
    public double transformedTarget() {
        return switch (method) {
            case NORMAL, EXACT -> target;
            case ARCSINE -> Math.asin(Math.sqrt(target));
            case CHISQ, CQC -> 1;
            case SHMI -> 0;
            case RC -> Math.log(target);
        };
    }

    /**
     * Standard error s of the limits on the method's scale at denominator ρ (statistics.md §3 table; RC: the limit SE
     * 1/(2 sqrt n) of statistics.md §4.4, which differs from its z-score SE, FunnelPlotR issue #30; kvik's RC limits use the
     * z-score SE instead, see limits).
     */
    public double standardError(double rho) {
        double r = scaleDenominator(rho);
        return switch (method) {
            // normal scale: sqrt(p0(1−p0)/n) for proportions, sqrt(θ0/ρ) for Poisson counts (ems, PHS)
            case NORMAL, EXACT -> kind == IndicatorKind.PROPORTION
                    ? Math.sqrt(target * (1 - target) / r) : Math.sqrt(target / r);
            case ARCSINE, RC -> 1 / (2 * Math.sqrt(r));
            case CHISQ, CQC -> 1 / (2 * Math.sqrt(target * r));
            case SHMI -> 1 / Math.sqrt(target * r);
        };
    }

    /**
     * Standard error of a unit's z-score: the limit SE except for RC, whose z-score SE is
     * sqrt(O/(O+0.5)² + n/(n+0.5)²) (FunnelPlotR transformed_zscore, statistics.md §3).
     */
    public double unitStandardError(double numerator, double rho) {
        if (method == LimitMethod.RC) {
            double o = numerator + 0.5;
            double n = rho + 0.5;
            return Math.sqrt(numerator / (o * o) + rho / (n * n));
        }
        return standardError(rho);
    }

    /** Unadjusted z-score (Y − target)/s on the method's scale (FunnelPlotR transformed_zscore). */
    public double zScore(double numerator, double rho) {
        return (transformed(numerator, rho) - transformedTarget()) / unitStandardError(numerator, rho);
    }

    /** z-score after over-dispersion: z/sqrt(φ) (multiplicative) or (Y − target)/sqrt(s² + τ²) (additive). */
    public double adjustedZScore(double numerator, double rho) {
        if (!adjusted()) {
            return zScore(numerator, rho);
        }
        double s = unitStandardError(numerator, rho);
        double sd = overdispersion == Overdispersion.MULTIPLICATIVE ? Math.sqrt(phi) * s : Math.sqrt(s * s + tau2);
        return (transformed(numerator, rho) - transformedTarget()) / sd;
    }

    /** Largest n for which the over-dispersed exact tails sum the beta-binomial pmf; beyond it, normal tails. */
    static final double BETA_BINOMIAL_MAX_N = 1e7;

    /**
     * The tail probabilities behind a unit's flag, p and z (statistics.md "Flags and p-values"). EXACT: binomial
     * (n, θ0) or Poisson (θ0·ρ) tails, or with over-dispersion in effect the beta-binomial / negative binomial
     * with the same extra variance as the normal-scale model; CHISQ without over-dispersion: the gamma tails its
     * limits are quantiles of; every other case: normal tails of the adjusted z on the method's scale.
     */
    public Tails tails(double numerator, double rho, boolean midP) {
        if (method == LimitMethod.EXACT) {
            return exactTails(numerator, rho, midP);
        }
        if (method == LimitMethod.CHISQ && !adjusted()) {
            // O outside [qgamma(a, μ), qgamma(1−a, μ+1)] ⇔ P(Gamma(μ) ≤ O) < a or P(Gamma(μ+1) ≥ O) < a (statistics.md §2.3)
            double mu = target * rho;
            return new Tails(numerator == 0 ? 0 : RegularizedGamma.P.value(mu, numerator),
                    RegularizedGamma.Q.value(mu + 1, numerator));
        }
        return Tails.normal(adjustedZScore(numerator, rho));
    }

    private Tails exactTails(double o, double rho, boolean midP) {
        return exactTails(o, rho, midP, null);
    }

    /**
     * {@link #exactTails(double, double, boolean)} with the beta-binomial table at ρ already made for this model
     * ({@code known}, null: made here when the tails are beta-binomial).
     */
    private Tails exactTails(double o, double rho, boolean midP, BetaBinomialPmf known) {
        if (kind == IndicatorKind.PROPORTION) {
            if (!adjusted()) {
                return Tails.binomial(rho, target, o, midP);
            }
            if (rho < 2) {
                return Tails.binomial(rho, target, o, midP); // one trial cannot be over-dispersed
            }
            if (rho > BETA_BINOMIAL_MAX_N) {
                return Tails.normal(adjustedZScore(o, rho));
            }
            double[] ab = betaBinomialShape(rho);
            BetaBinomialPmf pmf = known != null ? known : BetaBinomialPmf.of((long) rho, ab[0], ab[1]);
            return Tails.betaBinomial(pmf, (long) rho, ab[0], ab[1], (long) o, midP);
        }
        double mu = target * rho;
        if (!adjusted()) {
            return Tails.poisson(mu, o, midP);
        }
        // negative binomial Var(O) = μ + μ²/k matched to φ·μ or μ + ρ²τ² (k = θ0²/τ²)
        double size = overdispersion == Overdispersion.MULTIPLICATIVE ? mu / (phi - 1) : target * target / tau2;
        return Tails.negativeBinomial(mu, size, o, midP);
    }

    /**
     * The beta-binomial's a and b at n = ρ when the exact tails of this model are beta-binomial (an adjusted
     * proportion, 2 ≤ ρ ≤ {@link #BETA_BINOMIAL_MAX_N}), else null.
     */
    private double[] betaBinomialShape(double rho) {
        if (kind != IndicatorKind.PROPORTION || !adjusted() || rho < 2 || rho > BETA_BINOMIAL_MAX_N) {
            return null;
        }
        // Var(O) = n·p0(1−p0)·(1 + (n−1)·icc) matched to φ·n·p0(1−p0) or n·p0(1−p0) + n²τ² (beta-binomial)
        double icc = overdispersion == Overdispersion.MULTIPLICATIVE ? (phi - 1) / (rho - 1)
                : rho * tau2 / ((rho - 1) * target * (1 - target));
        icc = Math.min(icc, MAX_INTRACLASS_CORRELATION);
        double scale = 1 / icc - 1;
        return new double[] {target * scale, (1 - target) * scale};
    }

    /** Cap on the beta-binomial intra-class correlation (1 would put all mass on 0 and n). */
    static final double MAX_INTRACLASS_CORRELATION = 0.999;

    /** Drawn limits with the default tail rule ({@link FunnelOptions#DEFAULT_MID_P}); see {@link #limits(double, double, boolean)}. */
    public Limits limits(double rho, double level) {
        return limits(rho, level, FunnelOptions.DEFAULT_MID_P);
    }

    /**
     * Limits drawn for the unit: over-dispersion adjusted when adjustment is in effect, else unadjusted. They are
     * the boundary of the unit's own flag (statistics.md "Drawn limits = flags"): a unit at ρ lies outside the
     * level-L limit (bounds inclusive) exactly when {@link #tails} puts its smaller tail below (1 − L)/2.
     */
    public Limits limits(double rho, double level, boolean midP) {
        return switch (method) {
            case EXACT -> exactLimits(rho, level, midP, adjusted(), null);
            case RC -> flagBoundary(rho, level, adjusted());
            default -> adjusted() ? backTransform(zFor(level) * adjustedSd(rho)) : unadjustedLimits(rho, level, midP);
        };
    }

    /**
     * {@link #limits(double, double, boolean)} at each of {@code levels}: the same limits, with the pmf pass behind
     * the EXACT beta-binomial tails made once for every level.
     */
    public java.util.List<Limits> limits(double rho, double[] levels, boolean midP) {
        return limitsAndTails(rho, levels, midP, new double[0]).limits();
    }

    /** The drawn limits at each level and the tails of each numerator, all at one denominator. */
    record AtDenominator(java.util.List<Limits> limits, java.util.List<Tails> tails) {
    }

    /**
     * {@link #limits(double, double[], boolean)} and {@link #tails} of each of {@code numerators} at denominator ρ:
     * the same values, with one beta-binomial pmf pass at ρ serving every level and every unit there.
     */
    AtDenominator limitsAndTails(double rho, double[] levels, boolean midP, double[] numerators) {
        BetaBinomialPmf pmf = betaBinomialPmf(rho);
        java.util.List<Limits> limits = new java.util.ArrayList<>(levels.length);
        for (double level : levels) {
            limits.add(method == LimitMethod.EXACT ? exactLimits(rho, level, midP, adjusted(), pmf) : limits(rho, level, midP));
        }
        java.util.List<Tails> tails = new java.util.ArrayList<>(numerators.length);
        for (double o : numerators) {
            tails.add(method == LimitMethod.EXACT ? exactTails(o, rho, midP, pmf) : tails(o, rho, midP));
        }
        return new AtDenominator(limits, tails);
    }

    /** The beta-binomial table at ρ when this model's EXACT tails there are beta-binomial (and one fits), else null. */
    private BetaBinomialPmf betaBinomialPmf(double rho) {
        double[] ab = method == LimitMethod.EXACT ? betaBinomialShape(rho) : null;
        return ab == null ? null : BetaBinomialPmf.of((long) rho, ab[0], ab[1]);
    }

    /** Unadjusted limits with the default tail rule; see {@link #unadjustedLimits(double, double, boolean)}. */
    public Limits unadjustedLimits(double rho, double level) {
        return unadjustedLimits(rho, level, FunnelOptions.DEFAULT_MID_P);
    }

    /** Limits assuming pure binomial/Poisson variation (the flag boundary of the model without over-dispersion). */
    public Limits unadjustedLimits(double rho, double level, boolean midP) {
        return switch (method) {
            case EXACT -> exactLimits(rho, level, midP, false, null);
            case CHISQ -> chiSquare(rho, level);
            case RC -> flagBoundary(rho, level, false);
            case NORMAL, ARCSINE, SHMI, CQC -> backTransform(zFor(level) * standardError(rho));
        };
    }

    private double adjustedSd(double rho) {
        double s = standardError(rho);
        return overdispersion == Overdispersion.MULTIPLICATIVE ? Math.sqrt(phi) * s : Math.sqrt(s * s + tau2);
    }

    private FunnelModel withoutOverdispersion() {
        return new FunnelModel(kind, method, target, Overdispersion.NONE, phi, 0);
    }

    /**
     * EXACT limits: where the flag's own tail (binomial/Poisson, or beta-binomial/negative binomial under
     * over-dispersion; mid-p or plain) crosses a = (1 − L)/2, linear in the tail between consecutive counts.
     * The tail is monotone in O, so a whole count is outside exactly when flagged. A binomial n that is not whole
     * (drawn curves) uses the regularised-incomplete-beta tails, a continuous extension in n (statistics.md).
     * {@code known}: the beta-binomial pmf pass at ρ when the caller made it already (for several levels), else null.
     */
    private Limits exactLimits(double rho, double level, boolean midP, boolean adjust, BetaBinomialPmf known) {
        FunnelModel model = adjust ? this : withoutOverdispersion();
        if (adjust && kind == IndicatorKind.PROPORTION && rho > BETA_BINOMIAL_MAX_N) {
            return backTransform(zFor(level) * adjustedSd(rho)); // the tails are the adjusted normal ones there
        }
        double a = (1 - level) / 2;
        boolean proportion = kind == IndicatorKind.PROPORTION;
        long maxCount = proportion ? (long) Math.floor(rho) : Long.MAX_VALUE;
        // each count's tails once: the search and the interpolation below ask for some counts twice
        java.util.Map<Long, Tails> tailsOf = new java.util.HashMap<>();
        double[] ab = adjust ? betaBinomialShape(rho) : null;
        BetaBinomialPmf pmf = ab == null ? null : known != null ? known : BetaBinomialPmf.of((long) rho, ab[0], ab[1]);
        java.util.function.LongFunction<Tails> tail = pmf == null
                ? o -> tailsOf.computeIfAbsent(o, x -> model.exactTails(x, rho, midP))
                : o -> tailsOf.computeIfAbsent(o, x -> Tails.betaBinomial(pmf, (long) rho, ab[0], ab[1], x, midP));
        // start the searches at the normal-approximation lines, stepping by a quarter of the count SD
        double sdCount = rho * (adjust ? adjustedSd(rho) : standardError(rho));
        double halfWidth = zFor(level) * sdCount;
        long step = (long) Math.max(1, Math.min(1e15, sdCount / 4));
        long upperGuess = (long) Math.min(1e15, Math.ceil(target * rho + halfWidth));
        long lowerGuess = (long) Math.max(0, Math.floor(target * rho - halfWidth));
        long upperStep = step;
        long lowerStep = step;
        boolean zeroFlaggedLow = false;
        if (pmf != null) {
            // the table's tails are monotone: the boundary counts are found in it by bisection, and the search below
            // starts there in unit steps (it still decides with the tails, so the limits are the same from any start)
            upperGuess = Math.min(pmf.smallestHighBelow(a, midP), maxCount);
            upperStep = 1;
            lowerGuess = Math.max(0, pmf.largestLowBelow(a, midP));
            lowerStep = 1;
            // the table starts above 0 with the mass below it under 1e-17 of the total: P(X ≤ 0) < a, no need to sum it
            zeroFlaggedLow = pmf.first() > 0 && a > 1e-12;
        }
        // upper: smallest k with high(k) < a; the line lies in [k − 1, k)
        double upper;
        long k = smallestFlagged(o -> tail.apply(o).high() < a, upperGuess, upperStep, maxCount);
        if (k < 0) {
            upper = proportion ? 1 : Double.POSITIVE_INFINITY;
        } else {
            double hk = tail.apply(k).high();
            double hPrev = tail.apply(k - 1).high();
            double count = (k - 1) + (hPrev - a) / (hPrev - hk);
            upper = count / rho;
            if (upper >= k / rho) {
                upper = Math.nextDown(k / rho); // rounding must not put the flagged count k on the line
            }
            if (proportion) {
                upper = Math.min(1, upper);
            }
        }
        // lower: largest j with low(j) < a; the line lies in (j, j + 1]
        double lower;
        if (!zeroFlaggedLow && !(tail.apply(0).low() < a)) {
            lower = 0;
        } else {
            long j = largestFlagged(o -> tail.apply(o).low() < a, lowerGuess, lowerStep, maxCount);
            double lj = tail.apply(j).low();
            double lNext = tail.apply(j + 1).low();
            double count = j + (a - lj) / (lNext - lj);
            lower = count / rho;
            if (lower <= j / rho) {
                lower = Math.nextUp(j / rho);
            }
        }
        return new Limits(lower, upper);
    }

    /**
     * Smallest count in [0, max] where a predicate monotone false→true holds, −1 if none; false at 0 is assumed.
     * Brackets from a guess with doubling steps, then bisects, so a good guess costs few tail evaluations.
     */
    private static long smallestFlagged(java.util.function.LongPredicate flagged, long guess, long step, long max) {
        long hi = Math.max(0, Math.min(max, guess));
        long lo;
        if (flagged.test(hi)) {
            lo = hi - step;
            while (lo > 0 && flagged.test(lo)) {
                hi = lo;
                step *= 2;
                lo = hi - step;
            }
            lo = Math.max(-1, lo);
        } else {
            lo = hi;
            do {
                if (lo >= max) {
                    return -1;
                }
                hi = step >= max - lo ? max : lo + step;
                step *= 2;
                if (!flagged.test(hi)) {
                    lo = hi;
                } else {
                    break;
                }
            } while (true);
        }
        return bisect(flagged, lo, hi, true);
    }

    /** Largest count in [0, max] where a predicate monotone true→false holds, given it holds at 0; same search. */
    private static long largestFlagged(java.util.function.LongPredicate flagged, long guess, long step, long max) {
        long lo = Math.max(0, Math.min(max, guess));
        long hi;
        if (flagged.test(lo)) {
            do {
                if (lo >= max) {
                    return max;
                }
                hi = step >= max - lo ? max : lo + step;
                step *= 2;
                if (flagged.test(hi)) {
                    lo = hi;
                } else {
                    break;
                }
            } while (true);
        } else {
            hi = lo;
            lo = hi - step;
            while (lo > 0 && !flagged.test(lo)) {
                hi = lo;
                step *= 2;
                lo = hi - step;
            }
            lo = Math.max(0, lo);
        }
        return bisect(flagged, lo, hi, false);
    }

    /**
     * Bisects [lo, hi] until the two are adjacent, moving hi to a midpoint where {@code flagged} equals
     * {@code flaggedAtHi} and lo otherwise; returns the flagged end (hi if {@code flaggedAtHi}, else lo).
     */
    private static long bisect(java.util.function.LongPredicate flagged, long lo, long hi, boolean flaggedAtHi) {
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            if (flagged.test(mid) == flaggedAtHi) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return flaggedAtHi ? hi : lo;
    }

    /**
     * RC limits: the counts O where the unit's own z-score (SE sqrt(O/(O+0.5)² + n/(n+0.5)²), plus φ or τ²)
     * reaches ∓z_L, found by bisection in continuous O, so line and flag agree. Deviates from FunnelPlotR, whose
     * RC limits use SE 1/(2√n) (issue #30; statistics.md).
     */
    private Limits flagBoundary(double rho, double level, boolean adjust) {
        FunnelModel model = adjust ? this : withoutOverdispersion();
        double a = (1 - level) / 2;
        boolean proportion = kind == IndicatorKind.PROPORTION;
        double centre = target * rho;
        java.util.function.DoublePredicate high = o -> model.tails(o, rho, false).high() < a;
        java.util.function.DoublePredicate low = o -> model.tails(o, rho, false).low() < a;
        double upper;
        double max = proportion ? rho : Double.MAX_VALUE;
        double hi = Math.max(centre, 1);
        double lo = high.test(centre) ? 0 : centre;
        while (!high.test(hi) && hi < max) {
            lo = hi;
            hi = Math.min(max, 2 * hi);
        }
        if (!high.test(hi)) {
            upper = proportion ? 1 : Double.POSITIVE_INFINITY;
        } else if (high.test(lo)) {
            upper = Math.nextDown(0.0); // every count, even 0, is flagged high (tiny n on the RC log scale)
        } else {
            upper = bisect(high, lo, hi, false) / rho;
            upper = proportion ? Math.min(1, upper) : upper;
        }
        double lower;
        if (!low.test(0)) {
            lower = 0;
        } else {
            lower = bisect(low, 0, centre, true) / rho;
        }
        return new Limits(lower, upper);
    }

    /**
     * Boundary of a predicate between x1 and x2 by bisection to adjacent doubles. {@code trueBelow}: holds at x1
     * (lower limit; returns the first point where it fails); else holds at x2 (upper; returns the last where it fails).
     */
    private static double bisect(java.util.function.DoublePredicate p, double x1, double x2, boolean trueBelow) {
        double lo = x1;
        double hi = x2;
        for (int i = 0; i < 2000 && Math.nextUp(lo) < hi; i++) {
            double mid = lo + (hi - lo) / 2;
            if (mid <= lo || mid >= hi) {
                break;
            }
            if (p.test(mid) == trueBelow) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return trueBelow ? hi : lo;
    }

    /** Back-transforms target ∓ half-width from the method's scale to the indicator's scale (statistics.md §2.1, §2.4, §4.4). */
    private Limits backTransform(double halfWidth) {
        return switch (method) {
            case NORMAL, EXACT -> {
                double lo = Math.max(0, target - halfWidth);
                double hi = target + halfWidth;
                yield new Limits(lo, kind == IndicatorKind.PROPORTION ? Math.min(1, hi) : hi);
            }
            case ARCSINE -> {
                double t0 = transformedTarget();
                double lo = t0 - halfWidth < 0 ? 0 : square(Math.sin(t0 - halfWidth));
                double hi = t0 + halfWidth > Math.PI / 2 ? 1 : square(Math.sin(t0 + halfWidth));
                yield new Limits(lo, hi);
            }
            // CQC: square back, lower clamped at 0 before squaring (FunnelPlotR 0.6.0 omits the square: issue #33)
            case CHISQ, CQC -> new Limits(target * square(Math.max(0, 1 - halfWidth)), target * square(1 + halfWidth));
            case SHMI, RC -> new Limits(target * Math.exp(-halfWidth), target * Math.exp(halfWidth));
        };
    }

    /** FunnelPlotR SR limits: qgamma(a, μ)/ρ and qgamma(1−a, μ+1)/ρ with μ = θ0·ρ (statistics.md §2.3). */
    private Limits chiSquare(double rho, double level) {
        double a = (1 - level) / 2;
        double mu = target * rho;
        double lo = GammaDistribution.of(mu, 1).inverseCumulativeProbability(a) / rho;
        double hi = GammaDistribution.of(mu + 1, 1).inverseSurvivalProbability(a) / rho;
        return new Limits(lo, hi);
    }

    private static double square(double x) {
        return x * x;
    }
}

package no.kvik.variation;

import java.util.Arrays;
import java.util.Objects;

/**
 * Settings of one funnel analysis.
 *
 * @param levels       coverage levels of the limits, e.g. {0.95, 0.998}; the narrowest is the inner
 *                     (warning) level and the widest the outer (alarm) level of the five-level flag
 * @param trimFraction fraction damped at each end before φ is estimated (0.1 = 10 %)
 * @param target       θ0 to compare with, or null for the default (ΣO/Σn; 1 for ratios)
 * @param fdrLevel     false-discovery rate for the Benjamini–Hochberg flag (0.05)
 * @param midP         for the discrete tails of the exact method: mid-p P(X > O) + ½P(X = O) (true, the
 *                     default, {@link #DEFAULT_MID_P}) or the plain exact P(X ≥ O) (false, conservative)
 * @param tau2Estimator how τ² is estimated (DerSimonian–Laird, the reference methods' one, unless chosen)
 */
public record FunnelOptions(IndicatorKind kind, LimitMethod method, Overdispersion overdispersion, Trim trim,
                            double trimFraction, double[] levels, Direction direction, Double target,
                            double fdrLevel, boolean midP, Tau2Estimator tau2Estimator) {
    /** Mid-p tails by default: closer to the nominal level on average (statistics.md "Flags and p-values"). */
    public static final boolean DEFAULT_MID_P = true;

    /** Settings with DerSimonian–Laird τ² (FunnelPlotR, SHMI, PHS). */
    public FunnelOptions(IndicatorKind kind, LimitMethod method, Overdispersion overdispersion, Trim trim,
                         double trimFraction, double[] levels, Direction direction, Double target, double fdrLevel,
                         boolean midP) {
        this(kind, method, overdispersion, trim, trimFraction, levels, direction, target, fdrLevel, midP,
                Tau2Estimator.DL);
    }

    /** Settings with the default tail rule ({@link #DEFAULT_MID_P}) and DerSimonian–Laird τ². */
    public FunnelOptions(IndicatorKind kind, LimitMethod method, Overdispersion overdispersion, Trim trim,
                         double trimFraction, double[] levels, Direction direction, Double target, double fdrLevel) {
        this(kind, method, overdispersion, trim, trimFraction, levels, direction, target, fdrLevel, DEFAULT_MID_P);
    }

    public FunnelOptions {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(overdispersion, "overdispersion");
        Objects.requireNonNull(trim, "trim");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(tau2Estimator, "tau2Estimator");
        if (!method.supports(kind)) {
            throw new IllegalArgumentException("limit method " + method + " does not apply to " + kind);
        }
        if (!(trimFraction > 0 && trimFraction < 0.5)) {
            throw new IllegalArgumentException("trim fraction must be in (0, 0.5), got " + trimFraction);
        }
        if (levels == null || levels.length == 0) {
            throw new IllegalArgumentException("at least one control-limit level is needed");
        }
        levels = levels.clone();
        Arrays.sort(levels);
        for (double l : levels) {
            if (!(l > 0 && l < 1)) {
                throw new IllegalArgumentException("control-limit levels must be in (0, 1), got " + l);
            }
        }
        if (target != null && !(target > 0)) {
            throw new IllegalArgumentException("target must be > 0, got " + target);
        }
        if (!(fdrLevel > 0 && fdrLevel < 1)) {
            throw new IllegalArgumentException("FDR level must be in (0, 1), got " + fdrLevel);
        }
    }

    /** 95 % and 99.8 % limits, 10 % winsorising (truncation for SHMI), FDR 5 %, default target. */
    public static FunnelOptions of(IndicatorKind kind, LimitMethod method, Overdispersion overdispersion) {
        Trim trim = method == LimitMethod.SHMI ? Trim.TRUNCATE : Trim.WINSOR;
        return new FunnelOptions(kind, method, overdispersion, trim, 0.1, new double[] {0.95, 0.998},
                Direction.NONE, null, 0.05, DEFAULT_MID_P);
    }

    public FunnelOptions withTrim(Trim newTrim) {
        return new FunnelOptions(kind, method, overdispersion, newTrim, trimFraction, levels, direction, target,
                fdrLevel, midP, tau2Estimator);
    }

    public FunnelOptions withDirection(Direction newDirection) {
        return new FunnelOptions(kind, method, overdispersion, trim, trimFraction, levels, newDirection, target,
                fdrLevel, midP, tau2Estimator);
    }

    public FunnelOptions withLevels(double... newLevels) {
        return new FunnelOptions(kind, method, overdispersion, trim, trimFraction, newLevels, direction, target,
                fdrLevel, midP, tau2Estimator);
    }

    public FunnelOptions withTarget(Double newTarget) {
        return new FunnelOptions(kind, method, overdispersion, trim, trimFraction, levels, direction, newTarget,
                fdrLevel, midP, tau2Estimator);
    }

    public FunnelOptions withMidP(boolean newMidP) {
        return new FunnelOptions(kind, method, overdispersion, trim, trimFraction, levels, direction, target,
                fdrLevel, newMidP, tau2Estimator);
    }

    public FunnelOptions withTau2Estimator(Tau2Estimator newEstimator) {
        return new FunnelOptions(kind, method, overdispersion, trim, trimFraction, levels, direction, target,
                fdrLevel, midP, newEstimator);
    }

    @Override
    public double[] levels() {
        return levels.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FunnelOptions f && kind == f.kind && method == f.method
                && overdispersion == f.overdispersion && trim == f.trim && trimFraction == f.trimFraction
                && Arrays.equals(levels, f.levels) && direction == f.direction && Objects.equals(target, f.target)
                && fdrLevel == f.fdrLevel && midP == f.midP
                && tau2Estimator == f.tau2Estimator;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, method, overdispersion, trim, trimFraction, Arrays.hashCode(levels), direction,
                target, fdrLevel, midP, tau2Estimator);
    }

    @Override
    public String toString() {
        return "FunnelOptions[" + kind + ", " + method + ", " + overdispersion + ", " + trim + " " + trimFraction
                + ", levels " + Arrays.toString(levels) + ", " + direction + ", target " + target
                + (midP ? ", mid-p" : ", exact tails") + ", τ² " + tau2Estimator + "]";
    }
}

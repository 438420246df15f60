package no.kvik.calibration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import no.kvik.variation.Funnel;
import no.kvik.variation.FunnelFlag;
import no.kvik.variation.FunnelOptions;
import no.kvik.variation.FunnelResult;
import no.kvik.variation.FunnelUnit;
import no.kvik.variation.IndicatorKind;
import no.kvik.variation.LimitMethod;
import no.kvik.variation.Overdispersion;
import no.kvik.variation.Tau2Estimator;
import no.kvik.variation.Trim;
import no.kvik.variation.UnitCount;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.PoissonDistribution;

/**
 * Simulates a funnel's units under the null and counts the flags the production funnel gives them. Each replicate
 * draws every unit's count once (common random numbers for all models compared), sets the target to the
 * simulated national value (production takes it from the same data), and runs {@link Funnel#compute} with the
 * production options changed only in method and over-dispersion model; when the over-dispersion cannot be
 * estimated the analysis falls back to none, and so does the simulation. Pure: the result depends only on the
 * arguments and the random stream.
 */
public final class NullSimulation {
    /** Size bands by the expected events under the null (min(np, n(1−p)) for proportions, θ·n for Poisson). */
    public static final double[] BAND_EDGES = {5, 20, 100};
    public static final String[] BAND_LABELS = {"<5", "5-20", "20-100", ">=100"};

    private NullSimulation() {
    }

    /** A limit method and over-dispersion model to evaluate. */
    /**
     * A limit method, over-dispersion model, tail rule (mid-p or plain exact; see FunnelOptions.midP) and damping of
     * extreme z before φ and τ² and τ² estimator (each null: the production one) to evaluate.
     */
    public record Model(LimitMethod method, Overdispersion overdispersion, boolean midP, Trim trim, Tau2Estimator tau2) {
        public Model(LimitMethod method, Overdispersion overdispersion, boolean midP) {
            this(method, overdispersion, midP, null, null);
        }

        public Model(LimitMethod method, Overdispersion overdispersion, boolean midP, Trim trim) {
            this(method, overdispersion, midP, trim, null);
        }

        public String label() {
            return method.name().toLowerCase() + "/" + overdispersion.name().toLowerCase() + (midP ? "/mid-p" : "/plain")
                    + (trim == null ? "" : "/" + trim.name().toLowerCase())
                    + (tau2 == null ? "" : "/" + tau2.name().toLowerCase());
        }
    }

    /** Flags of one model: over all units, and per size band ({@link #BAND_LABELS}). */
    public record Tallies(FlagTally all, List<FlagTally> bands) {
        public Tallies {
            bands = List.copyOf(bands);
        }

        Tallies plus(Tallies o) {
            List<FlagTally> b = new ArrayList<>();
            for (int i = 0; i < bands.size(); i++) b.add(bands.get(i).plus(o.bands.get(i)));
            return new Tallies(all.plus(o.all), b);
        }

        public static Tallies empty() {
            List<FlagTally> b = new ArrayList<>();
            for (int i = 0; i < BAND_LABELS.length; i++) b.add(FlagTally.EMPTY);
            return new Tallies(FlagTally.EMPTY, b);
        }
    }

    /**
     * @param targetFromData true: each replicate's target is its simulated national value, as in production;
     *                       false: the true value (for checks against a known answer)
     */
    public static Map<Model, Tallies> simulate(FunnelCase c, Scenario scenario, List<Model> models, int replicates,
                                               SplittableRandom random, boolean targetFromData) {
        if (replicates < 1) throw new IllegalArgumentException("replicates must be >= 1, got " + replicates);
        IndicatorKind kind = c.options().kind();
        List<Model> usable = models.stream().filter(m -> m.method().supports(kind)).toList();
        int n = c.sizes().size();
        int[] band = new int[n];
        for (int i = 0; i < n; i++) band[i] = band(kind, c.target(), c.sizes().get(i));
        long[][] inner = new long[usable.size()][BAND_LABELS.length];
        long[][] outer = new long[usable.size()][BAND_LABELS.length];
        long[][] units = new long[usable.size()][BAND_LABELS.length];
        long[][] none = new long[usable.size()][BAND_LABELS.length];
        UniformRandomProvider rng = random::nextLong;
        for (int r = 0; r < replicates; r++) {
            List<UnitCount> counts = draw(c, scenario, random, rng);
            double target = c.target();
            if (targetFromData) {
                double o = 0;
                double d = 0;
                for (UnitCount u : counts) {
                    o += u.numerator();
                    d += u.denominator();
                }
                target = o / d;
            }
            for (int m = 0; m < usable.size(); m++) {
                FunnelOptions options = options(c.options(), usable.get(m), target);
                FunnelResult result = options == null ? null : compute(counts, options);
                if (result == null) {
                    for (int i = 0; i < n; i++) {
                        units[m][band[i]]++;
                        none[m][band[i]]++;
                    }
                    continue;
                }
                Map<String, Integer> index = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) index.put(counts.get(i).unit(), i);
                for (int i = 0; i < n; i++) units[m][band[i]]++;
                for (FunnelUnit u : result.units()) {
                    int b = band[index.get(u.unit())];
                    FunnelFlag f = u.funnelFlag();
                    if (f != FunnelFlag.AS_EXPECTED) inner[m][b]++;
                    if (f == FunnelFlag.HIGH_OUTER || f == FunnelFlag.LOW_OUTER) outer[m][b]++;
                }
            }
        }
        Map<Model, Tallies> out = new LinkedHashMap<>();
        for (int m = 0; m < usable.size(); m++) {
            List<FlagTally> bands = new ArrayList<>();
            FlagTally all = FlagTally.EMPTY;
            for (int b = 0; b < BAND_LABELS.length; b++) {
                FlagTally t = new FlagTally(units[m][b], inner[m][b], outer[m][b], none[m][b]);
                bands.add(t);
                all = all.plus(t);
            }
            out.put(usable.get(m), new Tallies(all, bands));
        }
        return out;
    }

    /** The production options with another method and over-dispersion model and this replicate's target. */
    private static FunnelOptions options(FunnelOptions p, Model m, double target) {
        // no events (or only events) anywhere: the analysis cannot draw the funnel either
        if (!(target > 0) || (p.kind() == IndicatorKind.PROPORTION && !(target < 1))) return null;
        return new FunnelOptions(p.kind(), m.method(), m.overdispersion(), m.trim() == null ? p.trim() : m.trim(),
                p.trimFraction(), p.levels(), p.direction(), target, p.fdrLevel(), m.midP(),
                m.tau2() == null ? p.tau2Estimator() : m.tau2());
    }

    /** Funnel.compute with the analysis's fallback to no over-dispersion (Analysis.funnel); null when neither computes. */
    private static FunnelResult compute(List<UnitCount> counts, FunnelOptions o) {
        try {
            return Funnel.compute(counts, o);
        } catch (IllegalArgumentException ex) {
            if (o.overdispersion() == Overdispersion.NONE) return null;
            try {
                return Funnel.compute(counts, new FunnelOptions(o.kind(), o.method(), Overdispersion.NONE, o.trim(),
                        o.trimFraction(), o.levels(), o.direction(), o.target(), o.fdrLevel(), o.midP()));
            } catch (IllegalArgumentException ex2) {
                return null;
            }
        }
    }

    /** One replicate's counts: every unit's event probability or rate (random effect when sd > 0), then its count. */
    static List<UnitCount> draw(FunnelCase c, Scenario s, SplittableRandom random, UniformRandomProvider rng) {
        List<UnitCount> out = new ArrayList<>(c.sizes().size());
        IndicatorKind kind = c.options().kind();
        double theta = c.target();
        for (int i = 0; i < c.sizes().size(); i++) {
            double size = c.sizes().get(i);
            double o;
            if (kind == IndicatorKind.PROPORTION) {
                int trials = (int) Math.round(size);
                double p = theta;
                // logit-normal unit effect: logit p_i = logit p0 + sd·Z
                if (s.sd() > 0) p = 1 / (1 + Math.exp(-(Math.log(theta / (1 - theta)) + s.sd() * random.nextGaussian())));
                o = trials == 0 ? 0 : BinomialDistribution.of(trials, p).createSampler(rng).sample();
                size = trials;
            } else {
                double mu = theta * size;
                // log-normal unit effect with mean 1: exp(sd·Z − sd²/2)
                if (s.sd() > 0) mu *= Math.exp(s.sd() * random.nextGaussian() - s.sd() * s.sd() / 2);
                o = mu > 0 ? PoissonDistribution.of(mu).createSampler(rng).sample() : 0;
            }
            out.add(new UnitCount("u" + i, o, size));
        }
        return out;
    }

    static int band(IndicatorKind kind, double target, double size) {
        double expected = kind == IndicatorKind.PROPORTION ? size * Math.min(target, 1 - target) : size * target;
        int b = 0;
        while (b < BAND_EDGES.length && expected >= BAND_EDGES[b]) b++;
        return b;
    }
}

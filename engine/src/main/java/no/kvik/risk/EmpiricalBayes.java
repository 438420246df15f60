package no.kvik.risk;

import java.util.ArrayList;
import java.util.List;

/** Empirical-Bayes shrinkage of risk-adjusted rates towards the reference rate, as AHRQ QI does it. */
public final class EmpiricalBayes {
    private EmpiricalBayes() {
    }

    /** Smoothed rates with the signal variance estimated from the same units. */
    public record Result(double signalVariance, double referenceRate, List<SmoothedRate> units) {
        public Result {
            units = List.copyOf(units);
        }
    }

    /**
     * AHRQ IQI_HOSP_RISKADJ.SAS: RAR = (O/E)·REF, SE = (REF/E_rate)·(1/N)·sqrt(Σp̂(1−p̂)), SN = σ²/(σ²+V),
     * S = RAR·SN + (1−SN)·REF, X = sqrt(σ² − SN·σ²). σ² is estimated by {@link #signalVariance}.
     */
    public static Result smooth(List<UnitExpected> units, double referenceRate) {
        int n = units.size();
        double[] rar = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            UnitExpected u = units.get(i);
            if (!(u.expected() > 0) || !(u.sumVariance() > 0)) {
                throw new IllegalArgumentException("unit " + u.unit() + ": need E > 0 and Σp̂(1−p̂) > 0");
            }
            rar[i] = u.observed() / u.expected() * referenceRate;
            double se = referenceRate * Math.sqrt(u.sumVariance()) / u.expected();
            v[i] = se * se;
        }
        double sig = signalVariance(rar, v);
        List<SmoothedRate> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double sn = sig / (sig + v[i]);
            out.add(new SmoothedRate(units.get(i).unit(), rar[i], v[i], sn, rar[i] * sn + (1 - sn) * referenceRate,
                    Math.sqrt(sig - sn * sig)));
        }
        return new Result(sig, referenceRate, out);
    }

    /**
     * Between-unit (signal) variance by the DerSimonian–Laird moment estimator: w = 1/V, Q = Σ w(R − R̄_w)²,
     * σ² = max(0, (Q − (I−1)) / (Σw − Σw²/Σw)) (DerSimonian &amp; Laird 1986).
     */
    public static double signalVariance(double[] rate, double[] variance) {
        double sw = 0;
        double sw2 = 0;
        double swr = 0;
        for (int i = 0; i < rate.length; i++) {
            double w = 1 / variance[i];
            sw += w;
            sw2 += w * w;
            swr += w * rate[i];
        }
        double mean = swr / sw;
        double q = 0;
        for (int i = 0; i < rate.length; i++) {
            double d = rate[i] - mean;
            q += d * d / variance[i];
        }
        return Math.max(0, (q - (rate.length - 1)) / (sw - sw2 / sw));
    }
}

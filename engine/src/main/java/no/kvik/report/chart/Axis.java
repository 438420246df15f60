package no.kvik.report.chart;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * An axis mapping data values to pixels: linear with "nice" tick steps (1, 2 or 5 × 10^k), or logarithmic
 * (base 10, ticks at 1, 2 and 5 × 10^k) for unit sizes that span decades.
 */
record Axis(double min, double max, double pixelFrom, double pixelTo, boolean log) {

    static Axis of(double dataMin, double dataMax, double pixelFrom, double pixelTo) {
        if (!(dataMax > dataMin)) {
            dataMax = dataMin + (dataMin == 0 ? 1 : Math.abs(dataMin) * 0.1);
        }
        double step = step(dataMin, dataMax);
        return new Axis(Math.floor(dataMin / step) * step, Math.ceil(dataMax / step) * step, pixelFrom, pixelTo, false);
    }

    /** A log axis from the 1, 2 or 5 × 10^k at or below {@code dataMin} to the one at or above {@code dataMax}. */
    static Axis logOf(double dataMin, double dataMax, double pixelFrom, double pixelTo) {
        double lo = Math.pow(10, Math.floor(Math.log10(dataMin)));
        for (double m : new double[] {5, 2}) {
            if (lo * m <= dataMin) {
                lo *= m;
                break;
            }
        }
        double hi = Math.pow(10, Math.floor(Math.log10(Math.max(dataMax, dataMin * 10))));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (hi * m >= dataMax) {
                hi *= m;
                break;
            }
        }
        return new Axis(lo, hi, pixelFrom, pixelTo, true);
    }

    static double step(double min, double max) {
        double raw = (max - min) / 6;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * mag;
    }

    double px(double v) {
        if (log) {
            double c = Math.max(v, min);
            return pixelFrom + (Math.log10(c) - Math.log10(min)) / (Math.log10(max) - Math.log10(min)) * (pixelTo - pixelFrom);
        }
        return pixelFrom + (v - min) / (max - min) * (pixelTo - pixelFrom);
    }

    double[] ticks() {
        if (log) {
            List<Double> t = new ArrayList<>();
            double decades = Math.log10(max / min);
            // 1-2-5 ticks while they fit; powers of ten only on wide axes
            double[] mantissas = decades <= 4 ? new double[] {1, 2, 5} : new double[] {1};
            for (int k = (int) Math.floor(Math.log10(min)); k <= (int) Math.ceil(Math.log10(max)); k++) {
                for (double m : mantissas) {
                    double v = m * Math.pow(10, k);
                    if (v >= min * 0.999999 && v <= max * 1.000001) t.add(v);
                }
            }
            return t.stream().mapToDouble(Double::doubleValue).toArray();
        }
        double step = step(min, max);
        int n = (int) Math.round((max - min) / step);
        double[] t = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            t[i] = min + i * step;
        }
        return t;
    }

    static String label(double v) {
        return BigDecimal.valueOf(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}

package no.kvik.report.chart;

import java.math.BigDecimal;

/** A linear axis mapping data values to pixels, with "nice" tick steps (1, 2 or 5 × 10^k). */
record Axis(double min, double max, double pixelFrom, double pixelTo) {

    static Axis of(double dataMin, double dataMax, double pixelFrom, double pixelTo) {
        if (!(dataMax > dataMin)) {
            dataMax = dataMin + (dataMin == 0 ? 1 : Math.abs(dataMin) * 0.1);
        }
        double step = step(dataMin, dataMax);
        return new Axis(Math.floor(dataMin / step) * step, Math.ceil(dataMax / step) * step, pixelFrom, pixelTo);
    }

    static double step(double min, double max) {
        double raw = (max - min) / 6;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * mag;
    }

    double px(double v) {
        return pixelFrom + (v - min) / (max - min) * (pixelTo - pixelFrom);
    }

    double[] ticks() {
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

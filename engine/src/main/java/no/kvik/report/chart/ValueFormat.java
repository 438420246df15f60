package no.kvik.report.chart;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import no.kvik.variation.IndicatorKind;

/** How a chart writes a value of each kind: proportions in percent, ratios with two decimals, rates to 3 digits. */
final class ValueFormat {
    private ValueFormat() {
    }

    static String of(IndicatorKind kind, double v) {
        if (!Double.isFinite(v)) return "n/a";
        return switch (kind) {
            case PROPORTION -> String.format(Locale.ROOT, "%.1f %%", v * 100);
            case RATIO -> String.format(Locale.ROOT, "%.2f", v);
            case RATE -> significant(v, 3);
        };
    }

    /** A tick label: percent for proportions, else the plain number. */
    static String tick(IndicatorKind kind, double v) {
        return kind == IndicatorKind.PROPORTION ? Axis.label(v * 100) + " %" : Axis.label(v);
    }

    /** The Vega-Lite (d3-format) pattern matching {@link #of}. */
    static String d3(IndicatorKind kind) {
        return switch (kind) {
            case PROPORTION -> ".1%";
            case RATIO -> ".2f";
            case RATE -> ".3~g";
        };
    }

    static String significant(double v, int digits) {
        if (!Double.isFinite(v)) return "n/a";
        return new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
    }
}

package no.kvik.notebook;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Set;
import no.kvik.catalog.Measure;
import no.kvik.catalog.MeasureKind;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * How the notebook's tables print their numbers: proportions in percent with one decimal, counts as whole
 * numbers with grouping, ratios, z and rates with two decimals, p- and q-values with four. Only the column's
 * print formatter is set: the values in the table stay as computed (rounded for display, never in the data).
 */
public final class TableFormats {
    private static final Set<String> VALUES = Set.of("value", "ci_low", "ci_high", "adjusted_value", "crude",
            "adjusted", "nation", "previous", "crude_rate", "std_rate", "std_low95", "std_high95");
    private static final Set<String> COUNTS = Set.of("numerator", "denominator", "observed", "rows", "cases",
            "deaths", "units", "bytes", "periods", "n", "units_published", "units_in_funnel");
    private static final Set<String> TWO_DECIMALS = Set.of("expected", "o_e", "o_e_low", "o_e_high", "z",
            "z_adjusted", "z_unadjusted", "ratio_per_period", "oe", "oe_low", "oe_high", "phi");
    private static final Set<String> P_VALUES = Set.of("p", "p_value", "fdr_q", "q");
    private static final Set<String> SHARES = Set.of("share", "valid_share", "fill", "completeness");

    private TableFormats() {
    }

    /** Sets the print formats of {@code t}'s number columns for an indicator measured as {@code measure}. */
    public static Table apply(Table t, Measure measure) {
        boolean percent = measure != null && measure.kind() == MeasureKind.PROPORTION
                && (measure.per() == null || measure.per() == 1);
        int valueDecimals = measure == null ? 3 : switch (measure.kind()) {
            case PROPORTION -> 1;   // per 100: already in percent points
            case RATE, RATIO -> 2;
            case MEAN, MEDIAN, PERCENTILE -> 1;
        };
        return apply(t, percent, valueDecimals);
    }

    /** Sets print formats where the values are proportions ({@code percent}) or plain numbers with decimals. */
    public static Table apply(Table t, boolean percent, int valueDecimals) {
        for (Column<?> c : t.columns()) {
            if (!(c instanceof NumberColumn<?, ?> n)) continue;
            String name = c.name().toLowerCase(Locale.ROOT);
            if (VALUES.contains(name) || name.startsWith("lower_") || name.startsWith("upper_")) {
                n.setPrintFormatter(percent ? pattern("0.0%") : pattern(decimals(valueDecimals)));
            } else if (COUNTS.contains(name)) {
                n.setPrintFormatter(pattern("#,##0"));
            } else if (TWO_DECIMALS.contains(name)) {
                n.setPrintFormatter(pattern("#,##0.00"));
            } else if (P_VALUES.contains(name)) {
                n.setPrintFormatter(pattern("0.0000"));
            } else if (SHARES.contains(name)) {
                n.setPrintFormatter(pattern("0.0%"));
            } else {
                // anything else: at most four decimals, so no float noise (0.15070821529745043) is shown
                n.setPrintFormatter(pattern("#,##0.####"));
            }
        }
        return t;
    }

    private static String decimals(int k) {
        return k == 0 ? "#,##0" : "#,##0." + "0".repeat(k);
    }

    private static NumberColumnFormatter pattern(String p) {
        // Locale.ROOT: a decimal point and comma grouping whatever the machine's locale
        return new NumberColumnFormatter(new DecimalFormat(p, DecimalFormatSymbols.getInstance(Locale.ROOT)), "");
    }
}

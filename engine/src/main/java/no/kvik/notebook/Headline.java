package no.kvik.notebook;

/**
 * An indicator's main figures for its latest period, the raw material of a release's main findings.
 *
 * @param nationValue     national value of the latest period (null when suppressed or absent)
 * @param previousValue   national value of the period before (null when there is none)
 * @param units           units of the level with a funnel flag in the release statistics
 * @param outerHigh       units above the outer (99.8 %) funnel limit
 * @param outerLow        units below the outer limit
 * @param deteriorating   units with a significant deteriorating trend
 * @param goalHigh        units at the high goal level (0 when the indicator has no target)
 * @param goalMedium      units at the medium goal level
 * @param goalLow         units at the low goal level
 * @param funnelNote      why no unit of the level has a funnel flag when none has (all suppressed or pooled
 *                        over years), else ""
 */
public record Headline(String indicatorId, String name, String level, String period, Double nationValue,
                       Double previousValue, int units, int outerHigh, int outerLow, int deteriorating, int goalHigh,
                       int goalMedium, int goalLow, String funnelNote) {

    /** One sentence for the findings list. */
    public String sentence() {
        StringBuilder b = new StringBuilder(name).append(", ").append(period).append(": national ")
                .append(format(nationValue));
        if (previousValue != null && nationValue != null) {
            b.append(" (").append(format(previousValue)).append(" the period before)");
        }
        if (units == 0 && funnelNote != null && !funnelNote.isEmpty()) {
            b.append("; no ").append(level).append(" funnel: ").append(funnelNote);
        } else {
            b.append("; ").append(outerHigh + outerLow).append(" of ").append(units).append(' ').append(level)
                    .append(" units outside the 99.8 % funnel limits");
        }
        if (deteriorating > 0) b.append("; ").append(deteriorating).append(" with a deteriorating trend");
        if (goalHigh + goalMedium + goalLow > 0) {
            b.append("; goal attainment high/medium/low: ").append(goalHigh).append('/').append(goalMedium)
                    .append('/').append(goalLow);
        }
        return b.append('.').toString();
    }

    private static String format(Double v) {
        if (v == null) return "not published";
        return Math.abs(v) < 1 ? String.format(java.util.Locale.ROOT, "%.1f %%", 100 * v)
                : String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}

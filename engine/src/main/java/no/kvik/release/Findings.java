package no.kvik.release;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import no.kvik.catalog.Direction;
import no.kvik.catalog.IndicatorMeta;
import no.kvik.catalog.Level;
import no.kvik.catalog.MeasureKind;
import no.kvik.engine.GoalAttainment;
import no.kvik.engine.IndicatorResult;
import no.kvik.quality.QualityRow;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The main findings of a release, computed from its numbers only: the raw material of the news story.
 * Pure functions over result rows, indicator metadata and data-quality rows.
 *
 * <p>"Latest" is an indicator's latest period of its own frequency length (rolling windows are left out);
 * a national change compares it with the same period one year earlier (same season for tertials).
 */
public record Findings(String edition, List<NationalChange> nationalChanges, List<UnitFlag> unitFlags,
                       List<NegativeTrend> negativeTrends, List<GoalSummary> goalAttainment, List<Caveat> caveats) {
    /** Two-sided significance level of national changes. */
    public static final double ALPHA = 0.05;
    /** Below this share of expected units delivering, completeness is a caveat. */
    public static final double LOW_COMPLETENESS = 0.9;

    /**
     * A national value that changed significantly between the same period one year apart.
     *
     * @param test  {@code two_proportion_z}, {@code poisson_rate_z} or {@code ci_overlap} (measures without counts:
     *              significant when the 95 % intervals do not overlap; p is then null)
     */
    public record NationalChange(String indicatorId, String period, String previousPeriod, double value,
                                 double previousValue, Double p, String test, boolean better, String text) {
    }

    /** A unit outside the outer funnel limit (or flagged by the FDR procedure) in the latest period. */
    public record UnitFlag(String indicatorId, String period, String level, String unitId, String unitName,
                           Double value, String funnelFlag, Boolean fdrFlag, boolean badSide, String text) {
    }

    /** A unit (or the nation) whose trend over the released periods is significantly deteriorating. */
    public record NegativeTrend(String indicatorId, String period, String level, String unitId, String unitName,
                                String text) {
    }

    /** Goal attainment of one RHF over its indicators' latest periods. */
    public record GoalSummary(String unitId, String unitName, int indicators, int high, int medium, int low,
                              String text) {
    }

    /** A data-quality caveat (units that did not deliver, low completeness). */
    public record Caveat(String contractId, String period, String unit, String kind, Double share, String text) {
    }

    public Findings {
        nationalChanges = List.copyOf(nationalChanges);
        unitFlags = List.copyOf(unitFlags);
        negativeTrends = List.copyOf(negativeTrends);
        goalAttainment = List.copyOf(goalAttainment);
        caveats = List.copyOf(caveats);
    }

    /** All findings of a release; rows of every indicator in {@code metas} (keyed by id). */
    public static Findings of(String edition, List<IndicatorResult> results, Map<String, IndicatorMeta> metas,
                              List<QualityRow> quality) {
        Map<String, List<IndicatorResult>> byIndicator = results.stream()
                .collect(Collectors.groupingBy(IndicatorResult::indicatorId, TreeMap::new, Collectors.toList()));
        List<NationalChange> changes = new ArrayList<>();
        List<UnitFlag> flags = new ArrayList<>();
        List<NegativeTrend> trends = new ArrayList<>();
        Map<String, int[]> goals = new TreeMap<>();
        Map<String, String> rhfNames = new TreeMap<>();
        byIndicator.forEach((id, rows) -> {
            IndicatorMeta meta = metas.get(id);
            if (meta == null) throw new IllegalArgumentException("results hold indicator " + id + " with no metadata");
            Optional<String> latest = latestPeriod(rows, meta);
            if (latest.isEmpty()) return;
            nationalChange(rows, meta, latest.get()).ifPresent(changes::add);
            for (IndicatorResult r : rows) {
                if (!r.periodLabel().equals(latest.get())) continue;
                unitFlag(r, meta).ifPresent(flags::add);
                if ("deteriorating".equals(r.trendFlag())) {
                    trends.add(new NegativeTrend(id, r.periodLabel(), r.level(), r.unitId(), r.unitName(),
                            String.format(Locale.ROOT, "%s: %s (%s) shows a significantly deteriorating trend up to %s",
                                    id, r.unitName(), r.level(), r.periodLabel())));
                }
                if (Level.RHF.code().equals(r.level()) && r.goalLevel() != null && meta.target() != null) {
                    int[] c = goals.computeIfAbsent(r.unitId(), k -> new int[3]);
                    rhfNames.put(r.unitId(), r.unitName());
                    switch (r.goalLevel()) {
                        case GoalAttainment.HIGH -> c[0]++;
                        case GoalAttainment.MEDIUM -> c[1]++;
                        case GoalAttainment.LOW -> c[2]++;
                        default -> throw new IllegalArgumentException(id + ": unknown goal level " + r.goalLevel());
                    }
                }
            }
        });
        List<GoalSummary> goalSummaries = new ArrayList<>();
        goals.forEach((unit, c) -> {
            int n = c[0] + c[1] + c[2];
            goalSummaries.add(new GoalSummary(unit, rhfNames.get(unit), n, c[0], c[1], c[2],
                    String.format(Locale.ROOT, "%s: %d of %d indicators with a target at high goal attainment, %d medium, %d low",
                            rhfNames.get(unit), c[0], n, c[1], c[2])));
        });
        return new Findings(edition, changes, flags, trends, goalSummaries, caveats(quality));
    }

    /** The latest period label of the indicator's own frequency (periods of other lengths are rolling windows). */
    static Optional<String> latestPeriod(List<IndicatorResult> rows, IndicatorMeta meta) {
        return rows.stream().filter(r -> ownLength(r, meta))
                .max(Comparator.comparing(IndicatorResult::periodStart)).map(IndicatorResult::periodLabel);
    }

    private static boolean ownLength(IndicatorResult r, IndicatorMeta meta) {
        return r.periodStart().plusMonths(meta.frequency().months()).equals(r.periodEnd());
    }

    static Optional<NationalChange> nationalChange(List<IndicatorResult> rows, IndicatorMeta meta, String latest) {
        IndicatorResult now = nation(rows, r -> r.periodLabel().equals(latest));
        if (now == null || now.value() == null) return Optional.empty();
        IndicatorResult before = nation(rows, r -> ownLength(r, meta) && r.periodStart().equals(now.periodStart().minusYears(1)));
        if (before == null || before.value() == null) return Optional.empty();
        MeasureKind kind = meta.measure().kind();
        Double p = null;
        String test;
        boolean significant;
        if (kind == MeasureKind.PROPORTION && counts(now) && counts(before)) {
            p = twoProportionP(now.numerator(), now.denominator(), before.numerator(), before.denominator());
            test = "two_proportion_z";
            significant = p < ALPHA;
        } else if (kind == MeasureKind.RATE && counts(now) && counts(before)) {
            p = poissonRateP(now.numerator(), now.denominator(), before.numerator(), before.denominator());
            test = "poisson_rate_z";
            significant = p < ALPHA;
        } else if (now.ciLow() != null && now.ciHigh() != null && before.ciLow() != null && before.ciHigh() != null) {
            test = "ci_overlap";
            significant = now.ciLow() > before.ciHigh() || now.ciHigh() < before.ciLow();
        } else {
            return Optional.empty();
        }
        if (!significant) return Optional.empty();
        boolean up = now.value() > before.value();
        boolean better = meta.direction() == null ? up : up == (meta.direction() == Direction.HIGHER_IS_BETTER);
        String text = String.format(Locale.ROOT, "%s (%s): national value %s from %s in %s to %s in %s%s — %s",
                meta.name().en(), meta.id(), up ? "rose" : "fell", fmt(before.value()), before.periodLabel(),
                fmt(now.value()), now.periodLabel(), p == null ? " (95 % intervals do not overlap)"
                        : String.format(Locale.ROOT, " (p = %.2g)", p),
                meta.direction() == null ? "no direction declared" : better ? "an improvement" : "a deterioration");
        return Optional.of(new NationalChange(meta.id(), now.periodLabel(), before.periodLabel(), now.value(),
                before.value(), p, test, better, text));
    }

    private static IndicatorResult nation(List<IndicatorResult> rows, java.util.function.Predicate<IndicatorResult> when) {
        return rows.stream().filter(r -> Level.NATION.code().equals(r.level()) && when.test(r)).findFirst().orElse(null);
    }

    private static boolean counts(IndicatorResult r) {
        return r.numerator() != null && r.denominator() != null && r.denominator() > 0;
    }

    /** Two-sided p of the pooled two-proportion z test. */
    static double twoProportionP(double x1, double n1, double x0, double n0) {
        double pooled = (x1 + x0) / (n1 + n0);
        double se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0));
        if (se == 0) return 1.0;
        return twoSided((x1 / n1 - x0 / n0) / se);
    }

    /** Two-sided p of the z test of two Poisson rates (events over exposure), variance from the observed counts. */
    static double poissonRateP(double x1, double t1, double x0, double t0) {
        double se = Math.sqrt(x1 / (t1 * t1) + x0 / (t0 * t0));
        if (se == 0) return 1.0;
        return twoSided((x1 / t1 - x0 / t0) / se);
    }

    private static double twoSided(double z) {
        return 2 * NormalDistribution.of(0, 1).survivalProbability(Math.abs(z));
    }

    static Optional<UnitFlag> unitFlag(IndicatorResult r, IndicatorMeta meta) {
        String f = r.funnelFlag();
        boolean outer = "high_outer".equals(f) || "low_outer".equals(f);
        boolean fdr = Boolean.TRUE.equals(r.fdrFlag());
        if (!outer && !fdr) return Optional.empty();
        boolean high = f != null ? f.startsWith("high") : r.z() != null && r.z() > 0;
        // a risk-adjusted row's flag places its o_e, which counts the row's event: for a survival indicator that
        // is death (denominator − numerator), so a high flag is bad although higher survival is better
        boolean countsNotNumerator = r.event() != null && no.kvik.catalog.RiskModel.of(meta) != null
                && no.kvik.catalog.RiskModel.of(meta).outcome() == no.kvik.catalog.RiskModel.Outcome.NOT_NUMERATOR;
        boolean highIsBad = (meta.direction() == Direction.LOWER_IS_BETTER) != countsNotNumerator;
        boolean bad = meta.direction() != null && high == highIsBad;
        String what = r.event() == null ? "" : String.format(Locale.ROOT, "O/E of %s %s (%s observed, %s expected), ",
                r.event(), r.oE() == null ? "n/a" : fmt(r.oE()), r.observed() == null ? "n/a" : fmt(r.observed()),
                r.expected() == null ? "n/a" : fmt(r.expected()));
        String text = String.format(Locale.ROOT, "%s: %s (%s) is flagged %s in %s (%svalue %s%s%s)", meta.id(), r.unitName(),
                r.level(), high ? "high" : "low", r.periodLabel(), what, r.value() == null ? "suppressed" : fmt(r.value()),
                outer ? ", outside the 99.8 % funnel limit" : "", fdr ? ", significant after FDR control" : "");
        return Optional.of(new UnitFlag(meta.id(), r.periodLabel(), r.level(), r.unitId(), r.unitName(), r.value(), f,
                r.fdrFlag(), bad, text));
    }

    /**
     * Per contract and period: the units that delivered nothing (one caveat listing them), and a low share of
     * expected units delivering.
     */
    static List<Caveat> caveats(List<QualityRow> quality) {
        Map<String, List<String>> silent = new TreeMap<>();
        List<Caveat> out = new ArrayList<>();
        for (QualityRow q : quality) {
            if (!"completeness".equals(q.section())) continue;
            if ("rows".equals(q.measure()) && !q.unit().isEmpty() && q.numerator() == 0) {
                silent.computeIfAbsent(q.contractId() + "\u0000" + q.period(), k -> new ArrayList<>()).add(q.unit());
            } else if ("units_delivered".equals(q.measure()) && q.share() != null && q.share() < LOW_COMPLETENESS) {
                out.add(new Caveat(q.contractId(), q.period(), "", "low_completeness", q.share(),
                        String.format(Locale.ROOT, "%s: only %d of %d expected units delivered for %s (%.0f %%)",
                                q.contractId(), q.numerator(), q.denominator(), q.period(), 100 * q.share())));
            }
        }
        silent.forEach((key, units) -> {
            String[] k = key.split("\u0000");
            List<String> sorted = units.stream().sorted().toList();
            out.add(new Caveat(k[0], k[1], String.join(" ", sorted), "did_not_report", null,
                    String.format(Locale.ROOT, "%s: %d unit(s) delivered no rows for %s: %s", k[0], sorted.size(), k[1],
                            String.join(", ", sorted))));
        });
        out.sort(Comparator.comparing(Caveat::contractId).thenComparing(Caveat::period).thenComparing(Caveat::kind)
                .thenComparing(Caveat::unit));
        return out;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : Math.abs(v) >= 1 ? "%.2f" : "%.3f", v);
    }

    /** The findings as Markdown, one section per kind. */
    public String markdown() {
        StringBuilder sb = new StringBuilder("# Main findings, edition ").append(edition).append("\n");
        section(sb, "Significant national changes", nationalChanges.stream().map(NationalChange::text).toList());
        section(sb, "Units flagged high or low", unitFlags.stream().map(UnitFlag::text).toList());
        section(sb, "Significant negative trends", negativeTrends.stream().map(NegativeTrend::text).toList());
        section(sb, "Goal attainment per RHF", goalAttainment.stream().map(GoalSummary::text).toList());
        section(sb, "Data-quality caveats", caveats.stream().map(Caveat::text).toList());
        return sb.toString();
    }

    private static void section(StringBuilder sb, String title, List<String> lines) {
        sb.append("\n## ").append(title).append("\n\n");
        if (lines.isEmpty()) sb.append("None.\n");
        for (String l : lines) sb.append("- ").append(l).append("\n");
    }
}

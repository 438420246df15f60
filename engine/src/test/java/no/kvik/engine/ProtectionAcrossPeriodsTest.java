package no.kvik.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import no.kvik.catalog.Direction;
import no.kvik.catalog.Frequency;
import no.kvik.catalog.IndicatorMeta;
import no.kvik.catalog.Level;
import no.kvik.catalog.Measure;
import no.kvik.catalog.MeasureKind;
import no.kvik.catalog.PeriodRules;
import no.kvik.catalog.Suppression;
import org.junit.jupiter.api.Test;

/**
 * Protection across periods: random municipalities under the nation with monthly counts over 2020-2024 (data
 * starting and ending mid-year), run as years or tertials, with rolling windows for every unit and/or the
 * small-unit rule. Checked independently by linear algebra over every period at once (each period: nation =
 * sum of units; each window: a unit's window = sum of its cells in the shorter periods inside it): no cell
 * the primary rule hides may be determined by the published cells. Overlapping windows (2021-2023 and
 * 2022-2024 differ by one year at each end) are the case a one-equation-at-a-time check misses.
 */
class ProtectionAcrossPeriodsTest {

    @Test
    void noPrimaryHiddenCellCanBeBackCalculatedAcrossYearsWindowsAndTertials() {
        Random random = new Random(20261124);
        int primaryHidden = 0;
        int pooled = 0;
        for (int trial = 0; trial < 150; trial++) {
            boolean tertials = random.nextInt(3) == 0;
            Integer poolYears = random.nextBoolean() ? 2 + random.nextInt(2) : null;
            boolean smallRule = random.nextBoolean();
            IndicatorMeta meta = TinyStore.indicator(new Measure(MeasureKind.PROPORTION, null, null),
                    List.of(Level.NATION, Level.MUNICIPALITY), Frequency.YEAR,
                    new PeriodRules(poolYears, smallRule ? 3 : null, smallRule ? 30 : null, null),
                    new Suppression(5, List.of(1, 4)), null, Direction.HIGHER_IS_BETTER).meta();
            LocalDate first = LocalDate.of(2020, 1 + random.nextInt(8), 1);
            LocalDate lastMonth = LocalDate.of(2024, 5 + random.nextInt(8), 1);
            LocalDate last = lastMonth.plusMonths(1).minusDays(1);
            int units = 2 + random.nextInt(4);
            // monthly counts per unit: a size per unit so that some are small, some large
            Map<String, Map<LocalDate, double[]>> months = new LinkedHashMap<>();
            for (int u = 0; u < units; u++) {
                int size = 1 + random.nextInt(random.nextBoolean() ? 3 : 12);
                Map<LocalDate, double[]> m = new HashMap<>();
                for (LocalDate d = first; !d.isAfter(lastMonth); d = d.plusMonths(1)) {
                    double den = random.nextInt(size + 1);
                    m.put(d, new double[] {random.nextInt((int) den + 1), den});
                }
                months.put("m" + u, m);
            }
            Engine.PeriodPlan plan = Engine.plan(meta,
                    new RunRequest(null, null, tertials ? Frequency.TERTIAL : null, 0, Map.of()), first, last);
            List<UnitAggregate> aggregates = new ArrayList<>();
            Map<String, double[]> cell = new LinkedHashMap<>();
            for (Period p : plan.periods()) {
                double[] nation = new double[2];
                for (Map.Entry<String, Map<LocalDate, double[]>> u : months.entrySet()) {
                    double[] s = new double[2];
                    for (Map.Entry<LocalDate, double[]> m : u.getValue().entrySet()) {
                        if (p.contains(m.getKey())) {
                            s[0] += m.getValue()[0];
                            s[1] += m.getValue()[1];
                        }
                    }
                    if (s[1] == 0) continue; // no cases: no row
                    nation[0] += s[0];
                    nation[1] += s[1];
                    aggregates.add(new UnitAggregate(p, Level.MUNICIPALITY, u.getKey(), u.getKey(), ResultSchema.NATION_ID,
                            s[0], s[1], 0, null, null, null, null, null));
                    cell.put(p.label() + "|" + u.getKey(), s);
                }
                if (nation[1] == 0) continue;
                aggregates.add(new UnitAggregate(p, Level.NATION, ResultSchema.NATION_ID, "Norge", null, nation[0],
                        nation[1], 0, null, null, null, null, null));
                cell.put(p.label() + "|" + ResultSchema.NATION_ID, nation);
            }
            List<IndicatorResult> results = Reporting.report(meta, plan.periods(), aggregates, plan.pooling());

            // the attacker's system: one column per cell, known where a published row shows figures
            List<String> keys = new ArrayList<>(cell.keySet());
            Map<String, Integer> column = new HashMap<>();
            for (int i = 0; i < keys.size(); i++) column.put(keys.get(i), i);
            Map<String, IndicatorResult> shown = new HashMap<>();
            for (IndicatorResult r : results) shown.put(r.periodLabel() + "|" + r.unitId(), r);
            List<double[]> rows = new ArrayList<>();
            List<Period> periods = plan.periods();
            for (Period p : periods) {
                Integer total = column.get(p.label() + "|" + ResultSchema.NATION_ID);
                if (total == null) continue;
                double[] row = new double[keys.size()];
                row[total] = 1;
                for (String u : months.keySet()) {
                    Integer c = column.get(p.label() + "|" + u);
                    if (c != null) row[c] = -1;
                }
                rows.add(row);
            }
            for (Period w : periods) {
                List<Period> inside = periods.stream().filter(q -> !q.equals(w) && !q.start().isBefore(w.start())
                        && !q.end().isAfter(w.end())
                        && periods.stream().noneMatch(r -> !r.equals(q) && !r.start().isBefore(q.start())
                        && !r.end().isAfter(q.end()))).toList();
                if (inside.isEmpty()) continue;
                List<String> owners = new ArrayList<>(months.keySet());
                owners.add(ResultSchema.NATION_ID);
                for (String u : owners) {
                    Integer total = column.get(w.label() + "|" + u);
                    if (total == null) continue;
                    double[] row = new double[keys.size()];
                    row[total] = 1;
                    for (Period q : inside) {
                        Integer c = column.get(q.label() + "|" + u);
                        if (c != null) row[c] = -1;
                    }
                    rows.add(row);
                }
            }
            List<Integer> unknown = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                IndicatorResult r = shown.get(keys.get(i));
                if (r == null || r.suppressed() != null) unknown.add(i);
            }
            for (int i = 0; i < keys.size(); i++) {
                IndicatorResult r = shown.get(keys.get(i));
                double[] v = cell.get(keys.get(i));
                boolean primary = SmallCellProtection.primary(meta.suppression(), v[0], v[1]) != null;
                if (r != null && r.suppressed() == null) {
                    assertFalse(primary, "trial " + trial + ": " + keys.get(i) + " is small but visible");
                    continue;
                }
                if (r != null && ResultSchema.SUPPRESSED_POOLED.equals(r.suppressed())) pooled++;
                if (!primary || r == null && !keys.get(i).endsWith(ResultSchema.NATION_ID)) continue;
                primaryHidden++;
                assertFalse(SmallCellProtectionTest.determined(rows, unknown, i),
                        "trial " + trial + " (tertials " + tertials + ", poolYears " + poolYears + ", small-unit rule "
                                + smallRule + "): " + keys.get(i) + " " + (long) v[0] + "/" + (long) v[1]
                                + " can be back-calculated");
            }
        }
        assertTrue(primaryHidden > 500, "the trials should hide many small cells, hid " + primaryHidden);
        assertTrue(pooled > 50, "the trials should pool many small units, pooled " + pooled);
    }
}

package no.kvik.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import no.kvik.catalog.Direction;
import no.kvik.catalog.Frequency;
import no.kvik.catalog.Indicator;
import no.kvik.catalog.Level;
import no.kvik.catalog.Measure;
import no.kvik.catalog.MeasureKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's quantile step (issue #17, branch quantile) against an independent computation: seeded registries of
 * the tiny store (ties, a single value, null values, even and odd n, cells of one to a few hundred values, year
 * edges, unmapped units) whose every cell's median and 90th percentile are computed here in Java from the case rows
 * themselves: the values of the cell sorted, linear interpolation between the order statistics at (n - 1)p (Hyndman
 * and Fan 1996, Am. Stat. 50:361, definition 7, R's quantile type 7) and the interval ends at the order-statistic
 * ranks of {@link Intervals#quantileRanks} (checked against R's qbinom in IntervalsTest). Both ways of taking the
 * order statistics (value counts, sorted lists) must give these values to the last bit at every level.
 */
class QuantileStepTest {
    private static final List<Level> LEVELS = List.of(Level.NATION, Level.RHF, Level.HF, Level.HOSPITAL, Level.COUNTY,
            Level.MUNICIPALITY, Level.AMK);
    /** Provider org → rhf, hf, hospital (TinyStore's hierarchy); "ox" is unmapped. */
    private static final Map<String, String[]> PROVIDER = Map.of("o1", new String[] {"1", "10", "101"},
            "o2", new String[] {"1", "10", "102"}, "o3", new String[] {"1", "11", "111"},
            "o4", new String[] {"2", "20", "201"}, "ox", new String[] {"unknown", "unknown", "unknown"});
    /** Residence municipality → county, municipality; "9999" is unmapped. */
    private static final Map<String, String[]> RESIDENCE = Map.of("0301", new String[] {"03", "0301"},
            "3101", new String[] {"31", "3101"}, "3103", new String[] {"31", "3103"},
            "9999", new String[] {"unknown", "unknown"});
    /** Central → AMK; "XX01" is not a central. */
    private static final Map<String, String> AMK = Map.of("AMK01", "AMK01", "AMK02", "AMK02", "XX01", "unknown");

    private Connection c;

    @BeforeEach
    void open() throws Exception {
        c = TinyStore.open();
    }

    @AfterEach
    void close() throws Exception {
        c.close();
    }

    private record Case(LocalDate date, String org, String municipality, String central, Double value) {
    }

    /**
     * A seeded registry over 2023–2025: dates on the year edges and inside, values from a pool of a few (ties), a
     * wide range (few ties), tenths or quarters, about a tenth null.
     */
    private static List<Case> registry(long seed) {
        Random random = new Random(seed);
        List<String> orgs = List.of("o1", "o2", "o3");
        List<String> municipalities = List.of("0301", "3101", "3103", "9999");
        List<String> centrals = List.of("AMK01", "AMK02", "XX01");
        List<Case> cases = new ArrayList<>();
        int n = 150 + random.nextInt(250);
        for (int i = 0; i < n; i++) {
            int year = 2023 + random.nextInt(3);
            LocalDate date = switch (random.nextInt(4)) {
                case 0 -> LocalDate.of(year, 1, 1);
                case 1 -> LocalDate.of(year, 12, 31);
                default -> LocalDate.of(year, 1 + random.nextInt(12), 1 + random.nextInt(28));
            };
            Double value = switch (random.nextInt(10)) {
                case 0 -> null;
                case 1, 2, 3, 4 -> (double) random.nextInt(6);
                case 5, 6 -> random.nextInt(100_000) / 10.0;
                default -> -50 + random.nextInt(200) / 4.0;
            };
            // o4 (hospital 201, HF 20, RHF 2) gets about one case in twenty: small cells, some of a single value
            int pick = random.nextInt(20);
            String org = pick == 0 ? "o4" : pick < 3 ? "ox" : orgs.get(pick % 3);
            cases.add(new Case(date, org, municipalities.get(random.nextInt(municipalities.size())),
                    centrals.get(random.nextInt(centrals.size())), value));
        }
        return cases;
    }

    private void insert(List<Case> cases) throws Exception {
        StringBuilder rows = new StringBuilder();
        for (Case k : cases) {
            rows.append(rows.isEmpty() ? "" : ",").append(String.format(Locale.ROOT, "(DATE '%s', '%s', '%s', NULL, '%s', 1, 1, %s)",
                    k.date(), k.org(), k.municipality(), k.central(), k.value() == null ? "NULL" : Double.toString(k.value())));
        }
        try (var st = c.createStatement()) {
            st.execute("DELETE FROM cases_src");
        }
        TinyStore.insertCases(c, rows.toString());
    }

    /** Each case's cells: "year level unit". */
    private static List<String> cells(Case k) {
        String year = Integer.toString(k.date().getYear());
        String[] provider = PROVIDER.get(k.org());
        String[] residence = RESIDENCE.get(k.municipality());
        return List.of(year + " nation nation", year + " rhf " + provider[0], year + " hf " + provider[1],
                year + " hospital " + provider[2], year + " county " + residence[0],
                year + " municipality " + residence[1], year + " amk " + AMK.get(k.central()));
    }

    /** The quantile and its interval ends of {@code values} (R type 7; order statistics at the interval's ranks). */
    private static Double[] expected(List<Double> values, double p) {
        if (values.isEmpty()) return new Double[] {null, null, null};
        double[] x = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = x.length;
        double h = (n - 1) * p;
        int lo = (int) Math.floor(h);
        double quantile = lo + 1 < n ? x[lo] + (h - lo) * (x[lo + 1] - x[lo]) : x[lo];
        int[] ranks = Intervals.quantileRanks(n, p, Intervals.ALPHA);
        return new Double[] {quantile, ranks[0] >= 1 ? x[ranks[0] - 1] : null, ranks[1] <= n ? x[ranks[1] - 1] : null};
    }

    @Test
    void everyCellsQuantileAndIntervalEqualTheIndependentComputationBothWays() throws Exception {
        int singlesSeen = 0;
        for (long seed = 1; seed <= 6; seed++) {
            List<Case> cases = registry(seed);
            insert(cases);
            Map<String, List<Double>> values = new HashMap<>();
            for (Case k : cases) {
                for (String cell : cells(k)) {
                    List<Double> list = values.computeIfAbsent(cell, x -> new ArrayList<>());
                    if (k.value() != null) list.add(k.value());
                }
            }
            for (Measure measure : List.of(new Measure(MeasureKind.MEDIAN, null, null),
                    new Measure(MeasureKind.PERCENTILE, null, 0.9))) {
                double p = measure.kind() == MeasureKind.MEDIAN ? 0.5 : measure.p();
                Indicator indicator = TinyStore.indicator(measure, LEVELS, Frequency.YEAR, TinyStore.none(), null,
                        Direction.LOWER_IS_BETTER);
                for (Engine.QuantileMethod method : List.of(Engine.QuantileMethod.VALUE_COUNTS,
                        Engine.QuantileMethod.SORTED_LISTS)) {
                    Set<String> seen = new HashSet<>();
                    int singles = 0;
                    for (IndicatorResult r : new Engine(c, method).run(indicator, RunRequest.allYears())) {
                        String cell = r.periodLabel() + " " + r.level() + " " + r.unitId();
                        String what = "seed " + seed + " " + measure.kind() + " " + method + " " + cell;
                        assertTrue(values.containsKey(cell), what + " has no case");
                        assertEquals(null, r.suppressed(), what);
                        Double[] e = expected(values.get(cell), p);
                        assertEquals(e[0], r.value(), what);
                        assertEquals(e[0] == null ? null : e[1], r.ciLow(), what + " ci low");
                        assertEquals(e[0] == null ? null : e[2], r.ciHigh(), what + " ci high");
                        if (values.get(cell).size() == 1) singles++;
                        seen.add(cell);
                    }
                    assertEquals(values.keySet(), seen, "seed " + seed + ": every cell with a case is reported");
                    singlesSeen += singles;
                }
            }
        }
    }
}

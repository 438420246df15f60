package no.kvik.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import no.kvik.catalog.Direction;
import no.kvik.catalog.Frequency;
import no.kvik.catalog.Indicator;
import no.kvik.catalog.Level;
import no.kvik.catalog.Measure;
import no.kvik.catalog.MeasureKind;
import org.junit.jupiter.api.Test;

/**
 * A risk model's observed and expected events are re-aggregated with only num and den summed
 * ({@link EngineRun#reaggregateObservedExpected}, issue #17 readmit20): the sums must be those of the full aggregation
 * ({@link EngineRun#reaggregate}, ordered sums) to the bit, so that results stay byte-identical. Checked on the tiny
 * store with an observed/expected table whose E values are awkward doubles (1,200 rows over every unit, magnitudes
 * 1e-4 to 1e2, fixed seed), and by hand on one unit whose E sums differently in any order but the sorted one.
 */
class ObservedExpectedReaggregateTest {
    private static final String TABLE = "oe_probe";
    private static final String ORGS[] = {"o1", "o2", "o4", "o5", null};
    private static final String MUNICIPALITIES[] = {"0301", "3101", "3103", null};

    private static Indicator indicator() {
        return TinyStore.indicator(new Measure(MeasureKind.PROPORTION, null, null), List.of(Level.NATION, Level.RHF,
                Level.HF, Level.HOSPITAL, Level.COUNTY, Level.MUNICIPALITY), Frequency.YEAR, TinyStore.none(), null,
                Direction.HIGHER_IS_BETTER);
    }

    /** The tiny store with a case in each of 2023 and 2024, so that the run has both years as periods. */
    private static Connection tinyStore() throws Exception {
        Connection c = TinyStore.open();
        try (Statement st = c.createStatement()) {
            st.execute("INSERT INTO cases_src (event_date, provider_org, residence_municipality, residence_county, central_id, "
                    + "numerator, denominator, value) VALUES (DATE '2023-02-01', 'o1', '0301', NULL, NULL, 1, 1, 12), "
                    + "(DATE '2024-02-01', 'o1', '0301', NULL, NULL, 1, 1, 12)");
        }
        return c;
    }

    private static void createTable(Connection c) throws Exception {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE OR REPLACE TEMP TABLE " + TABLE + " (month DATE, provider_org VARCHAR, residence_municipality "
                    + "VARCHAR, residence_county VARCHAR, central_id VARCHAR, n_rows BIGINT, n_bad BIGINT, num DOUBLE, den DOUBLE, "
                    + "n_values BIGINT, s1 DOUBLE, s2 DOUBLE)");
        }
    }

    private static void insert(Connection c, String month, String org, String municipality, String county, double num,
                               double den) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " VALUES (CAST(? AS DATE), ?, ?, ?, NULL, 1, 0, ?, ?, 0, 0, 0)")) {
            ps.setString(1, month);
            ps.setString(2, org);
            ps.setString(3, municipality);
            ps.setString(4, county);
            ps.setDouble(5, num);
            ps.setDouble(6, den);
            ps.execute();
        }
    }

    private static List<UnitAggregate> sorted(List<UnitAggregate> a) {
        return a.stream().sorted(Comparator.comparing((UnitAggregate u) -> u.period().start()).thenComparing(UnitAggregate::level)
                .thenComparing(UnitAggregate::unitId)).toList();
    }

    @Test
    void observedAndExpectedSumToTheBitsOfTheFullAggregation() throws Exception {
        RunRequest years = RunRequest.between(LocalDate.parse("2023-01-01"), LocalDate.parse("2025-01-01"));
        try (Connection c = tinyStore(); EngineRun run = new Engine(c).prepare(indicator(), years)) {
            createTable(c);
            Random random = new Random(17);
            for (int i = 0; i < 1200; i++) {
                String month = (2023 + random.nextInt(2)) + "-" + String.format("%02d", 1 + random.nextInt(12)) + "-01";
                String municipality = MUNICIPALITIES[random.nextInt(MUNICIPALITIES.length)];
                double den = Math.pow(10, -4 + 6 * random.nextDouble()) * (1 + random.nextDouble());
                insert(c, month, ORGS[random.nextInt(ORGS.length)], municipality, municipality == null ? "31" : null,
                        random.nextInt(5), den);
            }
            List<UnitAggregate> full = sorted(run.reaggregate(TABLE));
            List<UnitAggregate> counts = sorted(run.reaggregateObservedExpected(TABLE));
            assertEquals(full.size(), counts.size());
            // 2 years × (nation, 2 RHF + unknown, 3 HF + unknown, 3 hospitals + unknown, 2 counties, 3 municipalities + unknown)
            assertEquals(2 * (1 + 3 + 3 + 4 + 2 + 4), counts.size(), counts.toString());
            for (int i = 0; i < full.size(); i++) {
                UnitAggregate f = full.get(i);
                UnitAggregate o = counts.get(i);
                String what = f.period().label() + " " + f.level() + " " + f.unitId();
                assertEquals(f.unitId(), o.unitId(), what);
                assertEquals(f.unitName(), o.unitName(), what);
                assertEquals(f.parentId(), o.parentId(), what);
                assertEquals(Double.doubleToRawLongBits(f.numerator()), Double.doubleToRawLongBits(o.numerator()), what);
                assertEquals(Double.doubleToRawLongBits(f.denominator()), Double.doubleToRawLongBits(o.denominator()), what);
                assertEquals(0, o.nValues(), what);
                assertNull(o.mean(), what);
            }
        }
    }

    @Test
    void expectedEventsAreSummedInValueOrder() throws Exception {
        // 1e16 has a spacing of 2: 1 + 1 + 1e16 = 1e16 + 2 exactly (ascending order), while 1e16 + 1 rounds to 1e16
        // (ties to even) and so does 1e16 + 1 + 1 in row order; the hospital gets the three rows, in the order below
        RunRequest year = RunRequest.between(LocalDate.parse("2024-01-01"), LocalDate.parse("2025-01-01"));
        try (Connection c = tinyStore(); EngineRun run = new Engine(c).prepare(indicator(), year)) {
            createTable(c);
            insert(c, "2024-03-01", "o1", "0301", null, 1, 1e16);
            insert(c, "2024-04-01", "o1", "0301", null, 0, 1.0);
            insert(c, "2024-05-01", "o1", "0301", null, 1, 1.0);
            UnitAggregate hospital = run.reaggregateObservedExpected(TABLE).stream()
                    .filter(u -> u.level() == Level.HOSPITAL && u.unitId().equals("101")).findFirst().orElseThrow();
            assertEquals(2.0, hospital.numerator());
            assertEquals(1e16 + 2, hospital.denominator());
            assertEquals(10000000000000002.0, hospital.denominator());
        }
    }
}

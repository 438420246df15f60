package no.kvik.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import javax.imageio.ImageIO;
import no.kvik.config.KvikHome;
import no.kvik.engine.IndicatorResult;
import no.kvik.variation.FunnelResult;
import no.kvik.variation.FunnelUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * The notebook API against a small synthetic store (scale 0.005, 2021-2024), built the way Kvik.open() builds one.
 * The tests read 2021-2023: 2024 is in the store for the 30-day follow-up of 2023's readmission cases (without
 * it the engine leaves 2023 out).
 */
class KvikNotebookTest {
    @TempDir
    static Path tmp;
    static Kvik kvik;
    static String buildLog;

    @BeforeAll
    static void build() throws Exception {
        KvikHome home = KvikHome.locate();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Kvik.buildStore(home, 0.005, 2021, 2024, tmp.resolve("extracts"), tmp.resolve("store"),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        buildLog = log.toString(StandardCharsets.UTF_8);
        kvik = Kvik.open(tmp.resolve("store"));
    }

    @AfterAll
    static void close() {
        if (kvik != null) kvik.close();
    }

    @Test
    void buildingTheStorePrintsProgress() {
        assertTrue(buildLog.contains("synthetic extracts:"), buildLog);
        assertTrue(buildLog.contains("npr_somatic"), buildLog);
        assertTrue(buildLog.contains("ingested "), buildLog);
    }

    @Test
    void catalogueListsEveryIndicator() {
        Table t = kvik.indicators();
        assertEquals(89, t.rowCount());
        assertTrue(t.stringColumn("id").contains("ami_30d_survival"));
        assertThrows(IllegalArgumentException.class, () -> kvik.indicator("no_such_indicator"));
    }

    @Test
    void nationCountsMatchAnIndependentCountOfTheCaseRows() throws Exception {
        var q = kvik.indicator("readmission_67_30d").year(2023);
        Table nation = q.nation();
        assertEquals(1, nation.rowCount());
        double numerator = nation.doubleColumn("numerator").get(0);
        double denominator = nation.doubleColumn("denominator").get(0);
        // the indicator SQL run directly, bound through JDBC, summed by DuckDB: no engine code involved
        try (PreparedStatement ps = kvik.connection().prepareStatement("SELECT sum(numerator), sum(denominator) FROM ("
                + q.indicator().sql().jdbcText() + ")")) {
            var types = q.indicator().parameterTypes();
            var values = new java.util.HashMap<String, Object>(q.indicator().parameterValues(java.util.Map.of()));
            values.put("period_start", java.time.LocalDate.of(2023, 1, 1));
            values.put("period_end", java.time.LocalDate.of(2024, 1, 1));
            List<String> occ = q.indicator().sql().occurrences();
            for (int k = 0; k < occ.size(); k++) types.get(occ.get(k)).bind(ps, k + 1, values.get(occ.get(k)));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(rs.getDouble(1), numerator);
                assertEquals(rs.getDouble(2), denominator);
            }
        }
        assertTrue(denominator > 100, "enough index stays at scale 0.005: " + denominator);
        assertEquals(numerator / denominator, nation.doubleColumn("value").get(0), 1e-12);
    }

    @Test
    void levelsAddUpToTheNation() {
        var q = kvik.indicator("readmission_67_30d").year(2023);
        double nation = q.nation().doubleColumn("denominator").get(0);
        for (String level : List.of("rhf", "hf", "hospital", "county", "municipality")) {
            List<IndicatorResult> rows = q.level(level).atLevel();
            double shown = rows.stream().filter(r -> r.suppressed() == null).mapToDouble(IndicatorResult::denominator).sum();
            if (rows.stream().allMatch(r -> r.suppressed() == null)) {
                assertEquals(nation, shown, 1e-9, level);
            } else {
                assertTrue(shown < nation, level + ": suppressed units hide part of the nation");
            }
        }
        assertTrue(q.level("rhf").atLevel().stream().allMatch(r -> r.suppressed() == null), "four regions, none small");
        assertThrows(IllegalArgumentException.class, () -> kvik.indicator("ami_30d_survival").level("municipality"));
    }

    @Test
    void aParameterChangesTheCohortAndIsValidated() {
        var q = kvik.indicator("readmission_67_30d").year(2023);
        var older = q.withParameter("min_age", 80);
        double all = q.nation().doubleColumn("denominator").get(0);
        double over80 = older.nation().doubleColumn("denominator").get(0);
        assertTrue(over80 > 0 && over80 < all, over80 + " of " + all);
        assertEquals("80", older.parameters().where(older.parameters().stringColumn("parameter").isEqualTo("min_age"))
                .stringColumn("value").get(0));
        assertEquals("67", q.parameters().where(q.parameters().stringColumn("parameter").isEqualTo("min_age"))
                .stringColumn("value").get(0), "the original query is unchanged");
        var e = assertThrows(IllegalArgumentException.class, () -> q.withParameter("max_age", 3));
        assertTrue(e.getMessage().contains("unknown parameter 'max_age'"), e.getMessage());
    }

    @Test
    void trendChartDrawsOnePointPerPublishedPeriod() throws Exception {
        var q = kvik.indicator("readmission_67_30d").years(2022, 2023);
        List<IndicatorResult> nation = q.level("nation").atLevel().stream().filter(r -> r.value() != null).toList();
        assertEquals(2, nation.size());
        Chart chart = q.trendChart(null);
        assertTrue(chart.title().endsWith("Norway"), chart.title());
        for (IndicatorResult r : nation) assertTrue(chart.svg().contains(">" + r.periodLabel() + "<"), r.periodLabel());
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(chart.png()));
        assertEquals(640, png.getWidth());
        assertThrows(IllegalArgumentException.class, () -> q.level("hospital").trendChart("no such unit"));
    }

    @Test
    void funnelUsesTheUnsuppressedHospitalsOfTheLatestPeriod() throws Exception {
        var q = kvik.indicator("readmission_67_30d").years(2022, 2023);
        assertEquals(List.of("2022", "2023"), q.periods());
        FunnelResult f = q.funnelResult();
        List<IndicatorResult> rows = q.atLevel().stream().filter(r -> r.periodLabel().equals("2023"))
                .filter(r -> r.suppressed() == null && !r.unitId().equals("unknown")).toList();
        assertEquals(rows.size(), f.units().size());
        double o = rows.stream().mapToDouble(IndicatorResult::numerator).sum();
        double n = rows.stream().mapToDouble(IndicatorResult::denominator).sum();
        assertEquals(o / n, f.target(), 1e-12, "target = ΣO/Σn");
        assertEquals(f.units().size(), q.funnelTable().rowCount());
        String outlier = q.outlier();
        double maxAbsZ = f.units().stream().mapToDouble(u -> Math.abs(u.zAdjusted())).max().orElseThrow();
        assertEquals(maxAbsZ, f.units().stream().filter(u -> u.unit().equals(outlier))
                .mapToDouble(FunnelUnit::zAdjusted).map(Math::abs).findFirst().orElseThrow());
        assertEquals(2, q.unit(outlier).rowCount(), "the outlier over both years");

        Chart chart = q.funnel();
        assertTrue(chart.svg().contains("<svg"), chart.svg().substring(0, 80));
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(chart.png()));
        assertTrue(png.getWidth() > 300 && png.getHeight() > 200, png.getWidth() + "x" + png.getHeight());
        assertNotEquals(chart.png()[0], chart.png()[1]);
    }

    @Test
    void trendTestsEveryHospitalWithThreePeriods() {
        var q = kvik.indicator("readmission_67_30d").years(2021, 2023);
        Table t = q.trend();
        assertEquals(q.atLevel().stream().filter(r -> r.suppressed() == null && !r.unitId().equals("unknown"))
                .map(IndicatorResult::unitName).distinct().count(), t.rowCount());
        for (int i = 0; i < t.rowCount(); i++) {
            if (t.intColumn("periods").get(i) == 3 && t.stringColumn("note").get(i).isEmpty()) {
                double p = t.doubleColumn("p").get(i);
                assertTrue(p >= 0 && p <= 1, "p of " + t.stringColumn("unit").get(i) + ": " + p);
            }
        }
    }

    @Test
    void qualitySummariesCountEachFlaggedRowOnce() {
        Quality q = kvik.quality();
        Table all = q.table();
        assertTrue(all.stringColumn("section").contains("completeness"));
        assertTrue(all.stringColumn("section").contains("validity"));
        long flagged = (long) q.flaggedByReason().longColumn("rows").sum();
        assertTrue(flagged > 0, "the synthetic data carries faults");
        // a row may carry several reasons, so reasons add up to at least the flagged rows of the store
        assertTrue(flagged >= q.report().flaggedRows(), flagged + " vs " + q.report().flaggedRows());
        Table validity = q.validity();
        for (int i = 0; i < validity.rowCount(); i++) {
            assertEquals((double) validity.longColumn("valid_rows").get(i) / validity.longColumn("rows").get(i),
                    validity.doubleColumn("share").get(i), 1e-12);
        }
        assertEquals(q.report().rowsStored(), (long) validity.longColumn("rows").sum(),
                "per-year validity covers every stored row once");
        assertTrue(q.worstUnits(5).rowCount() <= 5);
        assertTrue(q.summary().contains("rows stored"), q.summary());
    }

    @Test
    void cancellingRunningQueriesStopsDuckDbAndKvikStaysUsable() throws Exception {
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread cell = new Thread(() -> {
            // hours on the notebook's one thread if nothing stops it
            try (java.sql.Statement st = kvik.connection().createStatement();
                 java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM range(100000000000) r(i) WHERE i % 7 = 3")) {
                rs.next();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        cell.start();
        Thread.sleep(1000);
        assertTrue(cell.isAlive(), "the query should still be running");
        assertTrue(Kvik.cancelRunningQueries() >= 1);
        cell.join(10_000);
        assertTrue(!cell.isAlive(), "the query was not stopped within 10 s");
        assertTrue(failure.get() instanceof java.sql.SQLException && failure.get().getMessage().contains("nterrupt"),
                String.valueOf(failure.get()));
        try (java.sql.Statement st = kvik.connection().createStatement(); java.sql.ResultSet rs = st.executeQuery("SELECT 6 * 7")) {
            rs.next();
            assertEquals(42, rs.getInt(1));
        }
    }
}

package no.kvik.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
class KvikNotebookIT {
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
        // the whole catalogue (sql/indicators/catalogue.csv); + 12 of branch som2, + 12 of branch mh2, + 9 oecd_ami_*
        assertEquals(211 + 12 + 12 + 9, t.rowCount());
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
    void funnelIsTheAnalysisFunnelOfTheLatestPeriodCentredOnTheNationalValue() throws Exception {
        var q = kvik.indicator("readmission_67_30d").years(2022, 2023);
        assertEquals(List.of("2022", "2023"), q.periods());
        FunnelResult f = q.funnelResult();
        // readmission has a risk model: the funnel is on O/E, its target the nation's O/E (not the pooled mean of
        // the units shown), and its units are those the analysis gave a z (unsuppressed, E > 0)
        List<IndicatorResult> analysed = q.analysed().results().stream()
                .filter(r -> r.level().equals("hospital") && r.periodLabel().equals("2023") && r.z() != null).toList();
        assertEquals(analysed.size(), f.units().size());
        IndicatorResult nation = q.analysed().results().stream()
                .filter(r -> r.level().equals("nation") && r.periodLabel().equals("2023")).findFirst().orElseThrow();
        assertEquals(nation.oE(), f.target(), 1e-12, "target = the nation's O/E");
        for (IndicatorResult r : analysed) {
            FunnelUnit u = f.units().stream().filter(x -> x.unit().equals(r.unitId())).findFirst().orElseThrow();
            assertEquals(r.z(), u.zEquivalent(), 0.0, r.unitId());
            assertEquals(r.funnelFlag(), u.funnelFlag().code(), r.unitId());
        }
        // the over-dispersion choice maps onto the analysis options
        FunnelResult none = q.overdispersion("none").funnelResult();
        assertEquals(0.0, none.tau2(), 0.0);
        assertEquals(f.target(), none.target(), 0.0);
        assertEquals(f.units().size(), q.funnelTable().rowCount());
        String outlier = q.outlier();
        double maxAbsZ = f.units().stream().mapToDouble(u -> Math.abs(u.zEquivalent())).max().orElseThrow();
        assertEquals(maxAbsZ, f.units().stream().filter(u -> u.unit().equals(outlier))
                .mapToDouble(FunnelUnit::zEquivalent).map(Math::abs).findFirst().orElseThrow());
        assertEquals(2, q.unit(outlier).rowCount(), "the outlier over both years");

        Chart chart = q.funnel();
        assertTrue(chart.svg().contains("<svg"), chart.svg().substring(0, 80));
        assertTrue(chart.svg().contains(String.format(java.util.Locale.ROOT, "centre: national O/E %.3f", f.target())),
                "the chart names its centre");
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(chart.png()));
        assertTrue(png.getWidth() > 300 && png.getHeight() > 200, png.getWidth() + "x" + png.getHeight());
        assertNotEquals(chart.png()[0], chart.png()[1]);
    }

    @Test
    void aFunnelWhoseHospitalsAreAllPooledFallsBackToTheWindowAndSaysWhy() throws Exception {
        // AMI at this scale: every hospital has fewer than 30 cases in 2023, so each is reported for 2021-2023
        var q = kvik.indicator("ami_30d_survival").years(2021, 2023);
        no.kvik.analysis.FunnelSummary year = q.period("2023").funnelSummary();
        assertEquals(0, year.unitsPublished());
        assertTrue(year.emptyReason().startsWith("all " + year.unitsUsed() + " hospital units of 2023 suppressed ("),
                year.emptyReason());
        assertTrue(year.emptyReason().contains(" pooled: fewer than 30 cases in the year, reported for 3 years together"),
                year.emptyReason());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> q.period("2023").funnelResult());
        assertTrue(e.getMessage().endsWith("ami_30d_survival.period(\"2021-2023\").funnel()"), e.getMessage());
        Chart notice = q.period("2023").funnel();
        assertTrue(notice.svg().contains("No funnel plot: all "), notice.svg());
        // the README's ami.funnel(): the latest year has no published unit, so the pooled window is drawn, saying why
        no.kvik.analysis.FunnelSummary shown = q.funnelSummary();
        assertEquals("2021-2023", shown.periodLabel());
        assertTrue(shown.unitsPublished() > 0);
        Chart chart = q.funnel();
        assertTrue(chart.title().endsWith("hospital, 2021-2023 (pooled window)"), chart.title());
        assertTrue(chart.svg().contains("latest year: all "), "the chart says why the window is shown");
        assertEquals(shown.unitsPublished(), q.funnelTable().rowCount());
        assertTrue(q.headline().sentence().contains("no hospital funnel: all "), q.headline().sentence());
        // the latest table reports each pooled hospital for its window, as the release report does
        Table latest = q.latest();
        int pooled = 0;
        for (int i = 0; i < latest.rowCount(); i++) {
            if (latest.stringColumn("pooled_from").get(i).isEmpty()) continue;
            pooled++;
            assertEquals("2023", latest.stringColumn("pooled_from").get(i));
            assertEquals("2021-2023", latest.stringColumn("period").get(i));
            assertTrue(!latest.doubleColumn("numerator").isMissing(i), "the window's figures are shown");
        }
        java.util.Set<String> pooledIn2023 = q.results().stream().filter(r -> r.level().equals("hospital")
                && r.periodLabel().equals("2023") && "pooled".equals(r.suppressed()))
                .map(IndicatorResult::unitId).collect(java.util.stream.Collectors.toSet());
        long publishedWindows = q.results().stream().filter(r -> r.level().equals("hospital")
                && r.periodLabel().equals("2021-2023") && r.suppressed() == null && pooledIn2023.contains(r.unitId())).count();
        // at this scale a pooled hospital's window may itself be hidden (secondary suppression): then latest()
        // must not show it either; pooling must have happened for the check to mean anything
        assertFalse(pooledIn2023.isEmpty(), "some hospital is pooled in 2023");
        assertEquals(publishedWindows, pooled, "every published window of a hospital pooled in 2023, and only those");
    }

    @Test
    void trendIsTheAnalysisTrendOfEveryHospitalInTheLatestPeriod() {
        var q = kvik.indicator("readmission_67_30d").years(2021, 2023);
        Table t = q.trend();
        // every hospital with a row in the latest period, published or hidden (pooled, suppressed): issue #12
        List<IndicatorResult> latest = q.analysed().results().stream().filter(r -> r.level().equals("hospital")
                && r.periodLabel().equals("2023") && !r.unitId().equals("unknown")).toList();
        assertEquals(latest.size(), t.rowCount());
        int hidden = 0;
        for (int i = 0; i < t.rowCount(); i++) {
            String id = t.stringColumn("unit_id").get(i);
            assertEquals("2021", t.stringColumn("from").get(i));
            IndicatorResult row = latest.stream().filter(r -> r.unitId().equals(id)).findFirst().orElseThrow();
            // the row that carries the flag: the latest year's, or for a hidden year the published window ending in it
            IndicatorResult carrier = row;
            if (row.suppressed() != null) {
                hidden++;
                carrier = q.analysed().results().stream().filter(r -> r.level().equals("hospital") && r.unitId().equals(id)
                        && r.suppressed() == null && r.periodEnd().equals(row.periodEnd()))
                        .min(java.util.Comparator.comparing(IndicatorResult::periodStart)).orElse(null);
            }
            assertEquals("2023", t.stringColumn("to").get(i));
            // the flag in the table is the one the release publishes on the row
            String flag = t.stringColumn("trend_flag").get(i);
            if (carrier != null) assertEquals(flag.isEmpty() ? null : flag, carrier.trendFlag(), id);
            if (t.stringColumn("note").get(i).isEmpty()) {
                double p = t.doubleColumn("p").get(i);
                assertTrue(p >= 0 && p <= 1, "p of " + id + ": " + p);
            }
        }
        assertTrue(hidden > 0, "some hospital's 2023 row is hidden at this scale");
        // the nation is tested too (the notebook's national trend), though its row carries no flag
        Table nation = q.level("nation").trend();
        assertEquals(1, nation.rowCount());
        assertEquals("nation", nation.stringColumn("unit_id").get(0));
    }

    @Test
    void qualitySummariesCountEachFlaggedRowOnce() {
        Quality q = kvik.quality();
        Table all = q.table();
        assertTrue(all.stringColumn("section").contains("completeness"));
        assertTrue(all.stringColumn("section").contains("validity"));
        // units are named beside their codes (organisation and municipality numbers alone say little)
        int named = 0;
        for (int i = 0; i < all.rowCount(); i++) {
            String unit = all.stringColumn("unit").get(i);
            String name = all.stringColumn("unit_name").get(i);
            if (!name.isEmpty()) named++;
            if ("0301".equals(unit)) assertEquals("Oslo", name);
        }
        assertTrue(named > 0, "no unit named");
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

    @Test
    void aParameterSetToItsDefaultIsTheCachedRun() {
        try (Kvik fresh = Kvik.open(tmp.resolve("store"))) {
            var q = fresh.indicator("readmission_67_30d").year(2023);
            double denominator = q.nation().doubleColumn("denominator").get(0);
            assertEquals(1, fresh.engineRuns());
            // 67 is min_age's default in readmission_67_30d.json; 67L and "67" convert to the same INTEGER
            for (Object same : List.of(67, 67L, "67")) {
                assertEquals(denominator, q.withParameter("min_age", same).nation().doubleColumn("denominator").get(0));
            }
            assertEquals(1, fresh.engineRuns(), "the default set explicitly must not re-run the indicator");
            q.withParameter("min_age", 80).nation();
            assertEquals(2, fresh.engineRuns(), "another value is another run");
            q.funnelSummary();
            q.withParameter("min_gap_hours", 8).funnelSummary();
            assertEquals(3, fresh.engineRuns(), "one analysis for the default and the explicit default");
        }
    }

    @Test
    void sqlBindsParametersOnTheStoreViewsAndReturnsATable() throws Exception {
        Table t = kvik.sql("SELECT sex, count(*) AS stays FROM npr_somatic WHERE age >= $min_age AND _year = $year "
                + "GROUP BY sex ORDER BY sex", java.util.Map.of("min_age", 80, "year", 2023));
        assertEquals(List.of("sex", "stays"), t.columnNames());
        // the same count by a plain JDBC query with the values written in (test-only: fixed numbers)
        long expected;
        try (java.sql.Statement st = kvik.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM npr_somatic WHERE age >= 80 AND _year = 2023")) {
            rs.next();
            expected = rs.getLong(1);
        }
        assertTrue(expected > 0);
        assertEquals(expected, (long) t.longColumn("stays").sum());
        // a value is bound, never spliced: a quote in a string is a value, not SQL
        Table none = kvik.sql("SELECT count(*) AS n FROM npr_somatic WHERE patient_id = $id", java.util.Map.of("id", "x' OR 1=1 --"));
        assertEquals(0L, none.longColumn("n").get(0));
        assertEquals(89L, kvik.sql("SELECT 89::BIGINT AS n").longColumn("n").get(0));

        var missing = assertThrows(IllegalArgumentException.class, () -> kvik.sql("SELECT $a + $b AS c", java.util.Map.of("a", 1)));
        assertTrue(missing.getMessage().contains("no value for parameter $b"), missing.getMessage());
        var extra = assertThrows(IllegalArgumentException.class, () -> kvik.sql("SELECT $a AS c", java.util.Map.of("a", 1, "typo", 2)));
        assertTrue(extra.getMessage().contains("parameter 'typo' is not in the SQL"), extra.getMessage());
        var type = assertThrows(IllegalArgumentException.class, () -> kvik.sql("SELECT $a AS c", java.util.Map.of("a", List.of(1))));
        assertTrue(type.getMessage().contains("parameter $a"), type.getMessage());
        var bad = assertThrows(IllegalStateException.class, () -> kvik.sql("SELECT * FROM no_such_view"));
        assertTrue(bad.getMessage().contains("no_such_view"), bad.getMessage());
    }

    @Test
    void sqlIsCancelledByAnInterrupt() throws Exception {
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread cell = new Thread(() -> {
            try {
                kvik.sql("SELECT count(*) AS n FROM range($n) r(i) WHERE i % 7 = 3", java.util.Map.of("n", 100_000_000_000L));
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        cell.start();
        Thread.sleep(1000);
        assertTrue(cell.isAlive(), "the query should still be running");
        assertTrue(Kvik.cancelRunningQueries() >= 1);
        cell.join(10_000);
        assertFalse(cell.isAlive(), "the query was not stopped within 10 s");
        assertTrue(failure.get() instanceof IllegalStateException && failure.get().getMessage().contains("nterrupt"),
                String.valueOf(failure.get()));
        assertEquals(42L, kvik.sql("SELECT 42::BIGINT AS n").longColumn("n").get(0), "usable after the cancel");
    }

    @Test
    void aPeriodOfSeveralYearsDrawsThatWindowsFunnel() {
        var q = kvik.indicator("readmission_67_30d").years(2021, 2023);
        assertEquals("2023", q.funnelSummary().periodLabel(), "without a period: the latest year");
        var twoYears = q.period("2022-2023");
        no.kvik.analysis.FunnelSummary s = twoYears.funnelSummary();
        assertEquals("2022-2023", s.periodLabel());
        assertTrue(twoYears.funnel().title().contains("2022-2023"), twoYears.funnel().title());
        // each unit's window row holds its two years' cases together: denominators add up to the yearly run's
        List<IndicatorResult> windows = twoYears.results().stream().filter(r -> r.periodLabel().equals("2022-2023")
                && r.suppressed() == null).toList();
        int checked = 0;
        for (IndicatorResult w : windows) {
            List<Double> years = q.results().stream().filter(r -> r.level().equals(w.level()) && r.unitId().equals(w.unitId())
                            && (r.periodLabel().equals("2022") || r.periodLabel().equals("2023")))
                    .map(IndicatorResult::denominator).toList();
            if (years.size() != 2 || years.contains(null)) continue; // a year suppressed: its count is not published
            assertEquals(years.get(0) + years.get(1), w.denominator(), 1e-9, w.level() + " " + w.unitId());
            checked++;
        }
        List<IndicatorResult> window = windows.stream().filter(r -> r.level().equals("hospital")).toList();
        // and the funnel drawn is of those window rows (O/E here: readmission_67_30d is risk-adjusted)
        java.util.Set<String> windowUnits = window.stream().map(IndicatorResult::unitId).collect(java.util.stream.Collectors.toSet());
        assertTrue(s.funnel().units().size() > 3);
        for (FunnelUnit u : s.funnel().units()) assertTrue(windowUnits.contains(u.unit()), u.unit());
        assertTrue(checked > 10, "units with both years published: " + checked);
    }

    @Test
    void progressPrintsAtMostOnceASecondAndTheLastStep() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] now = {0};
        Progress p = new Progress("overview", 4, new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> now[0]);
        now[0] = 300_000_000L;
        p.done("a");                // 0.3 s: too soon
        now[0] = 1_200_000_000L;
        p.done("b");                // 1.2 s: printed
        now[0] = 1_900_000_000L;
        p.done("c");                // 0.7 s after the last line: not printed
        now[0] = 2_000_000_000L;
        p.done("d");                // the last: always printed
        assertEquals("overview: 2/4 indicators (b), 1.2 s\noverview: 4/4 indicators (d), 2.0 s\n",
                bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }

    @Test
    void aStoreThatCannotBeOpenedFailsOnItsFirstUse() throws Exception {
        java.nio.file.Path broken = tmp.resolve("broken-store");
        java.nio.file.Files.createDirectories(broken);
        java.nio.file.Files.writeString(broken.resolve(no.kvik.store.StoreManifest.FILE_NAME), "{ not json");
        try (Kvik k = Kvik.open(broken)) {
            var e = assertThrows(RuntimeException.class, k::indicators);
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), String.valueOf(e));
        }
    }
}

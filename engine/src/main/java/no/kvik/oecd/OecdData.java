package no.kvik.oecd;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import no.kvik.catalog.Indicator;
import no.kvik.catalog.IndicatorMeta;
import no.kvik.catalog.Level;
import no.kvik.catalog.Suppression;
import no.kvik.engine.Engine;
import no.kvik.engine.EngineRun;
import no.kvik.engine.IndicatorResult;
import no.kvik.engine.RunRequest;

/**
 * What the delivery reads from a store: the count cube of each indicator (its own SQL's case rows of an
 * {@link EngineRun}, aggregated in DuckDB), the engine's nation-level result of the same run, and whether the
 * extracts cover the year and its follow-up.
 */
public final class OecdData {
    private OecdData() {
    }

    /** The count cube of one indicator for calendar year {@code year}, with the engine's nation counts. */
    public static IndicatorCounts counts(Connection store, Indicator indicator, AcuteIndicator which, int year)
            throws SQLException {
        RunRequest request = RunRequest.between(LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1));
        try (EngineRun run = new Engine(store).prepare(nationOnly(indicator), request)) {
            return counts(run, which, year);
        }
    }

    /**
     * The count cube of a run of one indicator for calendar year {@code year} (a run of {@link #nationOnly}), with
     * the run's nation counts.
     */
    static IndicatorCounts counts(EngineRun run, AcuteIndicator which, int year) throws SQLException {
        IndicatorMeta m = run.indicator().meta();
        return new IndicatorCounts(which, m.name().en(), m.version(), year, cells(run.connection(), run.cases()),
                engineCount(run));
    }

    /**
     * The cube's cells of the case rows in {@code cases}: the sex × age group cells, then the sex margins, the age
     * margins and the total, each in sex and age group order. The order is decided in SQL: a GROUPING SETS
     * aggregation hands its groups back in the order its threads finish them (on a multi-threaded connection it
     * varied from query to query, OecdCountsOrderTest).
     */
    static List<StratumCounts> cells(Connection connection, String cases) throws SQLException {
        List<StratumCounts> cells = new ArrayList<>();
        // each grouping set is its own sum over the case rows, so the totals checks compare independent figures
        String sql = "SELECT grouping(sex) AS g_sex, grouping(cov_age_group) AS g_age, sex, cov_age_group, "
                + "CAST(coalesce(sum(denominator), 0) AS DOUBLE) AS cases, "
                + "CAST(coalesce(sum(numerator), 0) AS DOUBLE) AS deaths FROM " + cases
                + " GROUP BY GROUPING SETS ((sex, cov_age_group), (sex), (cov_age_group), ())"
                + " ORDER BY g_sex, g_age, sex NULLS LAST, cov_age_group NULLS LAST";
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String raw = rs.getString("sex");
                String sex = rs.getInt("g_sex") == 1 ? Strata.BOTH
                        : Strata.sexOf(raw) != null ? Strata.sexOf(raw) : "[" + raw + "]";
                String age = rs.getInt("g_age") == 1 ? Strata.ALL_AGES : rs.getString("cov_age_group");
                cells.add(new StratumCounts(sex, age, rs.getDouble("cases"), rs.getDouble("deaths")));
            }
        }
        return List.copyOf(cells);
    }

    /**
     * The indicator at the nation level only and without small-cell protection: the delivery holds unsuppressed
     * counts, so it is compared with unsuppressed figures. Its case rows are the indicator's own.
     */
    static Indicator nationOnly(Indicator indicator) {
        IndicatorMeta m = indicator.meta();
        IndicatorMeta nationOnly = new IndicatorMeta(m.id(), m.version(), m.area(), m.name(), m.description(), m.type(),
                m.dimension(), m.sources(), m.measure(), m.direction(), List.of(Level.NATION), m.frequency(),
                m.periodRules(), new Suppression(null, null), m.target(), m.riskModel(), m.parameters(), m.basis(),
                m.references(), m.notes(), m.tests(), m.followUp(), null, m.cohort());
        return new Indicator(nationOnly, indicator.sql(), indicator.sqlFile());
    }

    /** The engine's own nation-level result of the run (of {@link #nationOnly}) for the year. */
    static IndicatorCounts.EngineCount engineCount(EngineRun run) throws SQLException {
        List<IndicatorResult> results = run.results();
        double deaths = 0;
        double cases = 0;
        for (IndicatorResult r : results) {
            if (!Level.NATION.code().equals(r.level())) continue;
            deaths += r.numerator();
            cases += r.denominator();
        }
        return new IndicatorCounts.EngineCount(deaths, cases);
    }

    /**
     * Coverage problems: months of the year, and January of the next year (the 30-day follow-up of December
     * admissions; NPR files stays by discharge year), without admissions in npr_somatic or deaths in death.
     * Empty when all is covered.
     */
    public static List<String> coverage(Connection store, int year) throws SQLException {
        return coverage(store, year, 1, false);
    }

    /**
     * Coverage problems of the year and the {@code followUpMonths} months after it (1: the 30-day follow-up of
     * December admissions; 12: the 365-day follow-up of December discharges) in npr_somatic and death, and with
     * {@code primaryCare} in kpr_gp_contact and prescription too (the integrated-care pilot). Empty when covered.
     */
    public static List<String> coverage(Connection store, int year, int followUpMonths, boolean primaryCare)
            throws SQLException {
        List<String> problems = new ArrayList<>();
        missingMonths(store, "npr_somatic", "admission_time", "admissions", year, followUpMonths, problems);
        missingMonths(store, "death", "death_date", "deaths", year, followUpMonths, problems);
        if (primaryCare) {
            missingMonths(store, "kpr_gp_contact", "contact_date", "GP contacts", year, followUpMonths, problems);
            missingMonths(store, "prescription", "dispensing_date", "dispensings", year, followUpMonths, problems);
        }
        return problems;
    }

    private static void missingMonths(Connection store, String view, String column, String what, int year,
                                      int followUpMonths, List<String> problems) throws SQLException {
        Set<YearMonth> present = new TreeSet<>();
        // view and column are fixed names of this class, not input
        String sql = "SELECT DISTINCT CAST(date_trunc('month', " + column + ") AS DATE) FROM " + view + " WHERE "
                + column + " >= ? AND " + column + " < ?";
        try (PreparedStatement ps = store.prepareStatement(sql)) {
            ps.setObject(1, LocalDate.of(year, 1, 1));
            ps.setObject(2, LocalDate.of(year + 1, 1, 1).plusMonths(followUpMonths));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) present.add(YearMonth.from(rs.getObject(1, LocalDate.class)));
            }
        }
        List<String> missing = new ArrayList<>();
        for (int m = 1; m <= 12 + followUpMonths; m++) {
            YearMonth ym = YearMonth.of(year, 1).plusMonths(m - 1);
            if (!present.contains(ym)) missing.add(ym.toString());
        }
        if (missing.isEmpty()) return;
        if (followUpMonths == 1) {
            problems.add(view + " has no " + what + " in " + String.join(", ", missing) + " (year " + year
                    + " and January " + (year + 1) + ", the 30-day follow-up of December admissions, must be complete)");
        } else {
            problems.add(view + " has no " + what + " in " + String.join(", ", missing) + " (year " + year
                    + " and the " + followUpMonths + " months after it, the follow-up of December discharges, must be "
                    + "complete)");
        }
    }
}

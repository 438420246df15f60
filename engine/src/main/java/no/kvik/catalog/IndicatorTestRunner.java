package no.kvik.catalog;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import no.kvik.config.KvikHome;
import no.kvik.contract.ColumnType;
import no.kvik.contract.Contract;
import no.kvik.contract.ContractColumn;
import no.kvik.contract.Contracts;
import no.kvik.contract.IngestViews;
import no.kvik.reference.ReferenceData;
import no.kvik.sql.DuckDb;
import no.kvik.sql.ParameterType;

/**
 * Runs an indicator's given/expect tests in an in-memory DuckDB: one empty typed view per contract
 * (plus {@code _year}), the reference tables and curated views, the test's given rows, then the SQL
 * with bound parameters; the output is compared to {@code expect} on the listed columns, ignoring row order.
 * One runner holds one connection; reuse it for many tests and close it at the end.
 */
public final class IndicatorTestRunner implements AutoCloseable {
    /**
     * Given-row field with a flagged row's reasons ({@code "invalid_code:main_diagnosis"}, as the store's
     * {@code _errors}): the row is then in {@code <id>_all} only, not in the view {@code <id>}.
     */
    public static final String ERRORS = "_errors";
    /** Optional given column: the source file name a row was delivered in, as {@code <contract>_all._source_file}. */
    public static final String SOURCE_FILE = "_source_file";
    /** Absolute/relative tolerance for numeric comparisons. */
    public static final double TOLERANCE = 1e-9;

    private final Connection connection;
    private final Contracts contracts;

    public IndicatorTestRunner(KvikHome home, Contracts contracts) throws SQLException {
        this.contracts = contracts;
        this.connection = DuckDb.open();
        try {
            // the curated table macros of sql/reference read the registry tables, which DuckDB binds
            // when a macro is created: the tables come first
            createContractTables(connection, contracts);
            ReferenceData.registerAll(connection, home);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** What one given/expect case gave: {@code failure} is null when it passed, else the difference as text. */
    public record Outcome(String indicatorId, String testName, String failure) {
        public boolean passed() {
            return failure == null;
        }
    }

    /**
     * Runs every case of the indicators, in order, as {@code kvik test} and the JUnit suite do: an indicator without
     * cases gives one failed outcome saying so. A case that fails does not stop the others.
     */
    public List<Outcome> runAll(List<Indicator> indicators) throws SQLException {
        List<Outcome> outcomes = new ArrayList<>();
        for (Indicator indicator : indicators) {
            if (indicator.meta().tests().isEmpty()) {
                outcomes.add(new Outcome(indicator.id(), "has tests", indicator.id()
                        + " has no given/expect tests in " + indicator.metaFile()));
            }
            for (IndicatorTest test : indicator.meta().tests()) outcomes.add(outcome(indicator, test));
        }
        return outcomes;
    }

    /** Runs one case and says how it went instead of throwing on a difference. */
    public Outcome outcome(Indicator indicator, IndicatorTest test) throws SQLException {
        try {
            run(indicator, test);
            return new Outcome(indicator.id(), test.name(), null);
        } catch (IndicatorTestFailure | IllegalArgumentException e) {
            return new Outcome(indicator.id(), test.name(), e.getMessage());
        }
    }

    /** Runs one test; returns normally when it passes, throws {@link IndicatorTestFailure} with a diff otherwise. */
    public void run(Indicator indicator, IndicatorTest test) throws SQLException {
        String what = indicator.id() + " test '" + test.name() + "'";
        try (Statement st = connection.createStatement()) {
            for (Contract c : contracts.all()) st.execute("DELETE FROM " + quote(givenTable(c)));
            st.execute("DELETE FROM " + IngestViews.FILES);
        }
        for (Map.Entry<String, List<Map<String, Object>>> g : test.given().entrySet()) {
            if (g.getKey().equals(IngestViews.FILES)) {
                insertFiles(what, g.getValue());
                continue;
            }
            Contract contract = contracts.byId(g.getKey()).orElseThrow(() ->
                    new IndicatorTestFailure(what + ": given table '" + g.getKey() + "' is not a contract"));
            insert(what, contract, g.getValue());
        }
        Map<String, Object> values = indicator.parameterValues(test.parameters());
        List<String> columns;
        List<Map<String, Object>> actual = new ArrayList<>();
        try {
            // as the engine does before it binds: the columns of the query prepared unbound
            String unbound = OutputContract.checkUnbound(connection, indicator.sql().jdbcText());
            if (unbound != null) throw new IndicatorTestFailure(what + ": " + unbound);
        } catch (SQLException e) {
            throw new IndicatorTestFailure(what + ": the SQL failed: " + e.getMessage(), e);
        }
        try (PreparedStatement ps = indicator.sql().prepare(connection, values, indicator.parameterTypes());
             ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            columns = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) columns.add(md.getColumnName(i));
            String problem = OutputContract.check(columns);
            if (problem != null) throw new IndicatorTestFailure(what + ": " + problem);
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= columns.size(); i++) row.put(columns.get(i - 1), normalise(rs.getObject(i)));
                actual.add(row);
            }
        } catch (SQLException e) {
            throw new IndicatorTestFailure(what + ": the SQL failed: " + e.getMessage(), e);
        }
        for (int r = 0; r < actual.size(); r++) {
            Map<String, Object> row = actual.get(r);
            for (String required : List.of("event_date", "numerator", "denominator")) {
                if (row.get(required) == null) {
                    throw new IndicatorTestFailure(what + ": output row " + (r + 1) + " has a null " + required
                            + " (the output contract requires a value): " + row);
                }
            }
        }
        compare(what, test.expect(), actual);
    }

    /** Compares expected rows (listed columns only) with actual rows as a multiset. */
    static void compare(String what, List<Map<String, Object>> expected, List<Map<String, Object>> actual) {
        // bipartite matching (Kuhn): expected rows may name different columns, so greedy matching could fail
        int[] matchOfActual = new int[actual.size()];
        Arrays.fill(matchOfActual, -1);
        int matched = 0;
        for (int e = 0; e < expected.size(); e++) {
            if (augment(e, expected, actual, matchOfActual, new boolean[actual.size()])) matched++;
        }
        if (matched == expected.size() && expected.size() == actual.size()) return;
        boolean[] expectedMatched = new boolean[expected.size()];
        for (int m : matchOfActual) if (m >= 0) expectedMatched[m] = true;
        StringBuilder msg = new StringBuilder(what + ": output differs from expect ("
                + expected.size() + " expected, " + actual.size() + " actual rows)");
        List<Map<String, Object>> unmatchedActual = new ArrayList<>();
        for (int a = 0; a < actual.size(); a++) if (matchOfActual[a] < 0) unmatchedActual.add(actual.get(a));
        for (int e = 0; e < expected.size(); e++) {
            if (!expectedMatched[e]) {
                msg.append("\n  missing:    ").append(expected.get(e));
                String differences = closestDifferences(expected.get(e), unmatchedActual);
                if (differences != null) msg.append("\n    nearest unexpected row differs in ").append(differences);
            }
        }
        for (Map<String, Object> row : unmatchedActual) msg.append("\n  unexpected: ").append(row);
        msg.append("\n  actual rows:");
        for (Map<String, Object> row : actual) msg.append("\n    ").append(row);
        throw new IndicatorTestFailure(msg.toString());
    }

    /**
     * The columns in which the unmatched actual row closest to {@code expected} (fewest differing listed columns)
     * differs, as {@code column expected X, actual Y}; null when there is no unmatched actual row.
     */
    static String closestDifferences(Map<String, Object> expected, List<Map<String, Object>> candidates) {
        List<String> best = null;
        for (Map<String, Object> row : candidates) {
            List<String> differences = new ArrayList<>();
            for (Map.Entry<String, Object> col : expected.entrySet()) {
                if (!row.containsKey(col.getKey())) {
                    differences.add(col.getKey() + " (not an output column)");
                } else if (!valueMatches(col.getValue(), row.get(col.getKey()))) {
                    differences.add(col.getKey() + " expected " + col.getValue() + ", actual " + row.get(col.getKey()));
                }
            }
            if (best == null || differences.size() < best.size()) best = differences;
        }
        return best == null ? null : String.join("; ", best);
    }

    private static boolean augment(int e, List<Map<String, Object>> expected, List<Map<String, Object>> actual,
                                   int[] matchOfActual, boolean[] seen) {
        for (int a = 0; a < actual.size(); a++) {
            if (seen[a] || !rowMatches(expected.get(e), actual.get(a))) continue;
            seen[a] = true;
            if (matchOfActual[a] < 0 || augment(matchOfActual[a], expected, actual, matchOfActual, seen)) {
                matchOfActual[a] = e;
                return true;
            }
        }
        return false;
    }

    static boolean rowMatches(Map<String, Object> expected, Map<String, Object> actual) {
        for (Map.Entry<String, Object> col : expected.entrySet()) {
            if (!actual.containsKey(col.getKey())) return false;
            if (!valueMatches(col.getValue(), actual.get(col.getKey()))) return false;
        }
        return true;
    }

    static boolean valueMatches(Object expected, Object actual) {
        if (expected == null || actual == null) return expected == null && actual == null;
        if (expected instanceof Number e && actual instanceof Number a) {
            double x = e.doubleValue();
            double y = a.doubleValue();
            return Math.abs(x - y) <= TOLERANCE * Math.max(1.0, Math.max(Math.abs(x), Math.abs(y)));
        }
        return Objects.equals(expected.toString(), actual.toString());
    }

    /** JDBC values to comparable forms: dates and timestamps as ISO text, big numbers as double. */
    private static Object normalise(Object v) {
        if (v instanceof java.sql.Date d) return d.toLocalDate().toString();
        if (v instanceof LocalDate d) return d.toString();
        if (v instanceof java.sql.Timestamp t) return t.toLocalDateTime().format(TIMESTAMP_OUT);
        if (v instanceof LocalDateTime t) return t.format(TIMESTAMP_OUT);
        if (v instanceof BigInteger || v instanceof BigDecimal) return ((Number) v).doubleValue();
        return v;
    }

    private static final DateTimeFormatter TIMESTAMP_OUT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /**
     * Creates one empty table per contract ({@code <id>_given}), typed as the contract says, plus
     * {@code _year} and {@code _errors}, and over it a view {@code <id>} naming the columns (rows without
     * {@code _errors}) and a view {@code <id>_all} of every row with {@code _errors}, as the store's registry views do:
     * the shape indicator SQL and the curated reference macros read, for tests and for registering the
     * curated reference SQL without a store. (A view that names its columns is what makes DuckDB reject a
     * table-macro argument named like one of them: a bare table would hide that.)
     */
    public static void createContractTables(Connection connection, Contracts contracts) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (Contract c : contracts.all()) {
                StringBuilder ddl = new StringBuilder("CREATE TABLE " + quote(givenTable(c)) + " (");
                StringBuilder view = new StringBuilder("CREATE VIEW " + quote(c.id()) + " AS SELECT ");
                for (ContractColumn col : c.columns()) {
                    ddl.append(quote(col.name())).append(' ').append(col.type().duckDbType()).append(", ");
                    view.append(quote(col.name())).append(", ");
                }
                ddl.append("_year INTEGER, _errors VARCHAR, _source_file VARCHAR)");
                // a given row with _errors is a flagged row: seen, with its reasons, only by <id>_all (the
                // data-quality indicators read it), as the store's view leaves out a row its faults make unusable
                StringBuilder all = new StringBuilder(view.toString().replace("CREATE VIEW " + quote(c.id()),
                        "CREATE VIEW " + quote(c.id() + "_all")));
                view.append("_year FROM ").append(quote(givenTable(c))).append(" WHERE _errors IS NULL");
                all.append("_year, _errors, CAST(NULL AS VARCHAR) AS _warnings, _source_file, "
                        + "CAST(NULL AS BIGINT) AS _row FROM ").append(quote(givenTable(c)));
                st.execute(ddl.toString());
                st.execute(view.toString());
                st.execute(all.toString());
            }
            // the store's views of the files delivered, given as a table (IngestViews.FILES)
            List<String> cols = new ArrayList<>();
            for (IngestViews.Column col : IngestViews.FILE_COLUMNS) {
                cols.add(quote(col.name()) + " " + col.type().duckDbType());
            }
            st.execute("CREATE TABLE " + IngestViews.FILES + " (" + String.join(", ", cols) + ")");
            st.execute("CREATE VIEW " + IngestViews.REJECTIONS + " AS " + IngestViews.rejectionsFrom(IngestViews.FILES));
        }
    }

    /** The table holding a test's given rows of a contract; indicator SQL reads the view named as the contract. */
    private static String givenTable(Contract c) {
        return c.id() + "_given";
    }

    private void insert(String what, Contract contract, List<Map<String, Object>> rows) throws SQLException {
        List<ContractColumn> cols = contract.columns();
        StringBuilder sql = new StringBuilder("INSERT INTO " + quote(givenTable(contract)) + " VALUES (");
        sql.append("?, ".repeat(cols.size())).append("?, ?, ?)");
        try (PreparedStatement ps = connection.prepareStatement(sql.toString())) {
            for (int r = 0; r < rows.size(); r++) {
                Map<String, Object> row = rows.get(r);
                Object yearSource = null;
                for (int i = 0; i < cols.size(); i++) {
                    ContractColumn col = cols.get(i);
                    Object converted;
                    try {
                        converted = convert(col.type(), row.get(col.name()));
                    } catch (IllegalArgumentException | ArithmeticException e) {
                        throw new IndicatorTestFailure(what + ": given " + contract.id() + " row " + (r + 1)
                                + ", column '" + col.name() + "': " + e.getMessage());
                    }
                    bind(ps, i + 1, col.type(), converted);
                    if (col.name().equals(contract.yearColumn())) yearSource = converted;
                }
                Object year = row.containsKey("_year") ? row.get("_year") : yearOf(yearSource);
                ps.setObject(cols.size() + 1, year == null ? null : ParameterType.INTEGER.convert(year));
                Object errors = row.get(ERRORS);
                ps.setObject(cols.size() + 2, errors == null ? null : ParameterType.VARCHAR.convert(errors));
                Object sourceFile = row.get(SOURCE_FILE);
                ps.setObject(cols.size() + 3, sourceFile == null ? null : ParameterType.VARCHAR.convert(sourceFile));
                ps.executeUpdate();
            }
        }
    }

    /** Inserts given rows of the store view {@value IngestViews#FILES}; a column left out is NULL. */
    private void insertFiles(String what, List<Map<String, Object>> rows) throws SQLException {
        List<IngestViews.Column> cols = IngestViews.FILE_COLUMNS;
        String sql = "INSERT INTO " + IngestViews.FILES + " VALUES (" + "?, ".repeat(cols.size() - 1) + "?)";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int r = 0; r < rows.size(); r++) {
                Map<String, Object> row = rows.get(r);
                for (String name : row.keySet()) {
                    if (cols.stream().noneMatch(c -> c.name().equals(name))) {
                        throw new IndicatorTestFailure(what + ": given " + IngestViews.FILES + " row " + (r + 1)
                                + ": unknown column '" + name + "'");
                    }
                }
                for (int i = 0; i < cols.size(); i++) {
                    IngestViews.Column col = cols.get(i);
                    try {
                        bind(ps, i + 1, col.type(), convert(col.type(), row.get(col.name())));
                    } catch (IllegalArgumentException e) {
                        throw new IndicatorTestFailure(what + ": given " + IngestViews.FILES + " row " + (r + 1)
                                + ", column '" + col.name() + "': " + e.getMessage());
                    }
                }
                ps.executeUpdate();
            }
        }
    }

    static Object convert(ColumnType type, Object value) {
        if (value == null) return null;
        return switch (type) {
            case VARCHAR -> ParameterType.VARCHAR.convert(value);
            case INTEGER -> ParameterType.INTEGER.convert(value);
            case BIGINT -> ParameterType.BIGINT.convert(value);
            case DOUBLE -> ParameterType.DOUBLE.convert(value);
            case DATE -> ParameterType.DATE.convert(value);
            case BOOLEAN -> ParameterType.BOOLEAN.convert(value);
            case TIMESTAMP -> timestamp(value);
        };
    }

    private static LocalDateTime timestamp(Object value) {
        if (value instanceof String s) {
            String t = s.trim().replace('T', ' ');
            try {
                if (t.length() == 16) return LocalDateTime.parse(t + ":00", TIMESTAMP_OUT);
                if (t.length() == 10) return LocalDate.parse(t).atStartOfDay();
                return LocalDateTime.parse(t, TIMESTAMP_OUT);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("expected a timestamp yyyy-MM-dd HH:mm[:ss], got '" + s + "'");
            }
        }
        throw new IllegalArgumentException("expected a timestamp yyyy-MM-dd HH:mm[:ss], got " + value);
    }

    private static void bind(PreparedStatement ps, int index, ColumnType type, Object v) throws SQLException {
        if (v == null) {
            ps.setObject(index, null);
        } else if (type == ColumnType.TIMESTAMP) {
            ps.setObject(index, java.sql.Timestamp.valueOf((LocalDateTime) v));
        } else {
            ParameterType.valueOf(type.name()).bind(ps, index, v);
        }
    }

    private static Integer yearOf(Object v) {
        if (v instanceof LocalDate d) return d.getYear();
        if (v instanceof LocalDateTime t) return t.getYear();
        if (v instanceof Integer i) return i;
        if (v instanceof Long l) return l.intValue();
        return null;
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** The runner's connection, for callers that want to inspect state after a test. */
    public Connection connection() {
        return connection;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}

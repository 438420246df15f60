package no.kvik.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import no.kvik.catalog.Catalogue;
import no.kvik.config.KvikHome;
import no.kvik.contract.CodeSystem;
import no.kvik.contract.ColumnType;
import no.kvik.contract.Contract;
import no.kvik.contract.ContractColumn;
import no.kvik.contract.Contracts;
import no.kvik.store.ErrorReasons;
import no.kvik.store.Store;
import no.kvik.store.StoreManifest;

/**
 * The data-quality report of a store, per registry contract, reporting unit and period (year and tertial):
 * completeness (units that delivered vs units expected), validity (valid rows and valid values of every
 * code column: diagnoses, procedures, unit references), how full each column is (fill), flagged rows by reason,
 * what each fault removed (section {@code removed}: per contract, fault and year, the rows it made unusable or whose
 * value it emptied, and which indicators that affects), and rejected files.
 *
 * <p>Expected units are the units that delivered valid-unit rows in any period of that contract in this store
 * (there is no authoritative list of which sites must report which extract); a unit missing from a period shows
 * as a {@code rows} line with 0.
 */
public record QualityReport(String store, String generatedAt, String expectedUnits, long rowsStored,
                            long flaggedRows, long rejectedFiles, List<QualityRow> rows) {

    /** Where the expected reporting units of a contract come from. */
    public enum Expected {
        /** Units that delivered rows with a valid unit reference in any period of the contract in this store. */
        STORE("units with rows (and a valid unit reference) in any period of the same contract in this store"),
        /**
         * The reference list of the unit column's code system (municipalities in force, counties, treatment
         * sites, emergency centrals); contracts whose unit column has no code system fall back to STORE.
         */
        REFERENCE("the reference list of the unit column's code system (ref_* tables)");

        private final String description;

        Expected(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    public QualityReport {
        rows = List.copyOf(rows);
    }

    /** True when the store holds flagged rows or rejected files. */
    public boolean hasDataErrors() {
        return flaggedRows > 0 || rejectedFiles > 0;
    }

    public static QualityReport build(Path storeDir, KvikHome home) throws SQLException {
        return build(storeDir, home, Expected.STORE);
    }

    public static QualityReport build(Path storeDir, KvikHome home, Expected basis) throws SQLException {
        try (Connection conn = Store.open(storeDir, home)) {
            return build(conn, storeDir, home, basis);
        }
    }

    /**
     * The report over a connection from {@link Store#open}: its deliveries and rejected files are those of the
     * manifest generation the connection reads, so it agrees with results computed over the same connection.
     */
    public static QualityReport build(Connection conn, Path storeDir, KvikHome home, Expected basis)
            throws SQLException {
        Contracts contracts = Contracts.load(home.contracts());
        StoreManifest manifest = Store.manifest(conn);
        List<QualityRow> out = new ArrayList<>();
        long stored = 0;
        long flagged = 0;
        Readers readers = readers(home, contracts);
        for (Contract c : contracts.all()) {
            if (manifest.deliveries(c.id()).isEmpty()) continue;
            long[] totals = contract(conn, c, basis, out);
            stored += totals[0];
            flagged += totals[1];
            removed(conn, c, readers, out);
        }
        for (StoreManifest.Rejection r : manifest.rejected()) {
            String registry = r.contractId() == null ? "" : contracts.byId(r.contractId()).map(Contract::registry).orElse("");
            out.add(QualityRow.of("rejected_file", r.contractId() == null ? "" : r.contractId(), registry, "", "",
                    r.sourceFile(), r.rowsRead(), null, r.reason()));
        }
        return new QualityReport(storeDir.toAbsolutePath().normalize().toString(), Instant.now().toString(),
                basis.description(), stored, flagged, manifest.rejected().size(), out);
    }

    /**
     * The lines of the given contracts only, each contract's in the order {@link #build} gives them (completeness,
     * validity, flagged, fill, then removed), keyed by contract id in the catalogue's contract order; contracts without
     * deliveries in the connection's manifest generation get no entry, and rejected files are not included. A contract's
     * lines read nothing but its own deliveries, the contracts and the indicator SQL, so a caller (a release) may
     * compute only the sources it reads and keep them while those inputs are unchanged.
     *
     * <p>With {@code threads} above 1 the contracts are computed at once, each on its own duplicate of the connection
     * (same database, so the same views and DuckDB settings, one DuckDB thread each in a release): every contract's
     * queries and lines are those of a serial run, put back by contract.
     */
    public static Map<String, List<QualityRow>> contractLines(Connection conn, KvikHome home,
                                                              java.util.Collection<String> contractIds, Expected basis,
                                                              int threads) throws SQLException {
        Contracts contracts = Contracts.load(home.contracts());
        StoreManifest manifest = Store.manifest(conn);
        List<Contract> wanted = contracts.all().stream()
                .filter(c -> contractIds.contains(c.id()) && !manifest.deliveries(c.id()).isEmpty()).toList();
        Map<String, List<QualityRow>> out = new LinkedHashMap<>();
        if (wanted.isEmpty()) return out;
        // the catalogue's SQL is read only when some contract is asked for
        Readers readers = readers(home, contracts);
        int workers = Math.min(Math.max(1, threads), wanted.size());
        if (workers == 1) {
            for (Contract c : wanted) out.put(c.id(), linesOf(conn, c, basis, readers));
            return out;
        }
        org.duckdb.DuckDBConnection duck = conn.unwrap(org.duckdb.DuckDBConnection.class);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "kvik-quality");
            t.setDaemon(true);
            return t;
        });
        try {
            List<java.util.concurrent.Future<List<QualityRow>>> futures = new ArrayList<>();
            for (Contract c : wanted) {
                futures.add(pool.submit(() -> {
                    try (Connection own = duck.duplicate()) {
                        return linesOf(own, c, basis, readers);
                    }
                }));
            }
            for (int k = 0; k < wanted.size(); k++) out.put(wanted.get(k).id(), futures.get(k).get());
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while computing the data-quality lines", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) throw sql;
            if (e.getCause() instanceof RuntimeException rt) throw rt;
            throw new SQLException("data-quality lines: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One contract's lines: those of {@link #contract}, then {@link #removed}. */
    private static List<QualityRow> linesOf(Connection conn, Contract c, Expected basis, Readers readers)
            throws SQLException {
        List<QualityRow> lines = new ArrayList<>();
        contract(conn, c, basis, lines);
        removed(conn, c, readers, lines);
        return List.copyOf(lines);
    }

    /** Adds the lines of one contract; returns {rows, flagged rows}. */
    private static long[] contract(Connection conn, Contract c, Expected basis, List<QualityRow> out)
            throws SQLException {
        String unitCol = c.reportingUnitColumn();
        List<ContractColumn> codeCols = c.columns().stream().filter(col -> col.codeSystem() != null).toList();
        List<Object> params = new ArrayList<>();
        String sql = periodsSql(c, codeCols, params);
        ShownUnits shown = new ShownUnits();
        Tally tally = new Tally(shown);
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) ps.setObject(i + 1, params.get(i));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) tally.add(rs, c, codeCols);
            }
        }
        String expectedNote = "expected: " + Expected.STORE.description();
        if (unitCol != null && basis == Expected.REFERENCE) {
            String refSql = referenceUnits(c.column(unitCol).orElseThrow().codeSystem());
            if (refSql != null) {
                tally.expected.clear();
                try (PreparedStatement ps = conn.prepareStatement(refSql); ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) tally.expected.add(rs.getString(1));
                }
                tally.deliveredOk.values().forEach(units -> units.retainAll(tally.expected));
                expectedNote = "expected: " + Expected.REFERENCE.description();
            }
        }
        completeness(c, tally, expectedNote, out);
        tally.validity.sort(java.util.Comparator.comparing(QualityRow::unit).thenComparing(QualityRow::period));
        out.addAll(tally.validity);
        out.addAll(tally.fill);
        flagged(conn, c, shown, tally.yearRows, out);
        return new long[] {tally.total, tally.flagged};
    }

    /**
     * One line per unit and year (and per unit and tertial for a dated year column): rows, flagged, warned, whether
     * any row had a valid unit reference, per code column the values to judge and the valid ones, and per contract
     * column the rows with the value filled (the {@code fill} lines, on the year lines only).
     *
     * <p>One scan of the contract's rows for the validity, completeness and fill lines (issue #17): the rows are
     * counted per unit, year and tertial, and the year lines are the sums of their tertials' (before, a separate
     * fill query, and GROUPING SETS aggregating every row twice). Each count is a plain {@code count(expression)}
     * rather than {@code count(*) FILTER (…)}, and a row's {@code _errors} is split or matched only when it has any:
     * on six scale-1 years of npr_somatic 14.0 → 5.6 CPU s, the same counts (engine/docs/performance.md).
     */
    private static String periodsSql(Contract c, List<ContractColumn> codeCols, List<Object> params) {
        String unitCol = c.reportingUnitColumn();
        ContractColumn yearCol = c.column(c.yearColumn()).orElseThrow();
        boolean tertials = yearCol.type() == ColumnType.DATE || yearCol.type() == ColumnType.TIMESTAMP;
        String reasons = "string_split(_errors, '" + ErrorReasons.SEPARATOR + "')";
        StringBuilder b = new StringBuilder("WITH fine AS (SELECT ");
        b.append(unitCol == null ? "''" : "coalesce(" + q(unitCol) + ", '')").append(" AS unit, _year AS y, ");
        b.append(tertials ? "CAST((month(" + q(yearCol.name()) + ") - 1) // 4 + 1 AS INTEGER)" : "CAST(NULL AS INTEGER)")
                .append(" AS t, count(*) AS n, count(_errors) AS n_errors, count(_warnings) AS n_warnings, ");
        String unitToken = unitCol == null ? null : c.column(unitCol).map(QualityReport::codeToken).orElse(null);
        b.append("bool_or(").append(unitCol == null ? "true" : q(unitCol) + " IS NOT NULL"
                + (unitToken == null ? "" : " AND (_errors IS NULL OR NOT list_contains(" + reasons + ", ?))"))
                .append(") AS unit_ok");
        if (unitToken != null) params.add(unitToken);
        for (int i = 0; i < codeCols.size(); i++) {
            // a flagged value is stored NULL: the values to judge are those present or flagged
            String col = q(codeCols.get(i).name());
            b.append(", count(").append(col).append(") + count(CASE WHEN ").append(col)
                    .append(" IS NULL AND _errors IS NOT NULL AND list_contains(").append(reasons).append(", ?) THEN 1 END) AS judged")
                    .append(i).append(", count(CASE WHEN _errors IS NULL OR NOT list_contains(").append(reasons)
                    .append(", ?) THEN ").append(col).append(" END) AS valid").append(i);
            params.add(codeToken(codeCols.get(i)));
            params.add(codeToken(codeCols.get(i)));
        }
        // a value delivered but flagged is stored NULL (field-level validity): it was there, so it counts as filled
        // here, and the validity lines say it was invalid; an empty value (flagged 'missing' or not) does not count
        for (int k = 0; k < c.columns().size(); k++) {
            String col = q(c.columns().get(k).name());
            String field = c.columns().get(k).name();
            b.append(", count(").append(col).append(") + count(CASE WHEN _errors IS NOT NULL AND ").append(col)
                    .append(" IS NULL AND regexp_matches(_errors, '(^|; )[a-z0-9_]+:").append(field)
                    .append("(;|$)') AND NOT regexp_matches(_errors, '(^|; )").append(ErrorReasons.MISSING).append(":")
                    .append(field).append("(;|$)') THEN 1 END) AS filled").append(k);
        }
        b.append(" FROM ").append(q(c.id() + "_all")).append(" GROUP BY ALL)");
        List<String> counts = new ArrayList<>(List.of("n", "n_errors", "n_warnings"));
        for (int i = 0; i < codeCols.size(); i++) counts.addAll(List.of("judged" + i, "valid" + i));
        for (int k = 0; k < c.columns().size(); k++) counts.add("filled" + k);
        // columns: unit, y, t, year_level, rows, flagged, warned, unit_ok, (judged, valid) per code column, filled per
        // column (every contract has a column, so the list after unit_ok is never empty)
        List<String> perValue = counts.subList(3, counts.size());
        String fineLines = "SELECT unit, y, t, " + (tertials ? 0 : 1) + " AS year_level, n, n_errors, n_warnings, unit_ok, "
                + String.join(", ", perValue) + " FROM fine";
        if (tertials) {
            // the year lines: sums over the year's tertial lines (and the rows without a tertial)
            String yearLines = "SELECT unit, y, CAST(NULL AS INTEGER) AS t, 1 AS year_level, "
                    + String.join(", ", counts.subList(0, 3).stream().map(n -> "CAST(sum(" + n + ") AS BIGINT)").toList())
                    + ", bool_or(unit_ok), " + String.join(", ", perValue.stream().map(n -> "CAST(sum(" + n + ") AS BIGINT)").toList())
                    + " FROM fine GROUP BY unit, y";
            b.append(' ').append(yearLines).append(" UNION ALL ").append(fineLines);
        } else {
            b.append(' ').append(fineLines);
        }
        // a deciding order on the whole group key, so the lines do not follow the order DuckDB's threads finish
        // groups in, and units whose cut names are alike are numbered (ShownUnits) in the delivered values' order
        b.append(" ORDER BY unit, y NULLS LAST, year_level DESC, t NULLS FIRST");
        return b.toString();
    }

    /** What the lines of {@link #periodsSql} add up to for one contract. */
    private static final class Tally {
        /** period -> unit -> rows. */
        final Map<String, Map<String, Long>> rowsByPeriod = new TreeMap<>();
        /** Units with a valid reference in any period (or, with Expected.REFERENCE, the reference list). */
        final Set<String> expected = new TreeSet<>();
        /** period -> units that delivered rows with a valid reference. */
        final Map<String, Set<String>> deliveredOk = new TreeMap<>();
        final List<QualityRow> validity = new ArrayList<>();
        /** The fill lines, per unit and year in the query's order (unit, then year). */
        final List<QualityRow> fill = new ArrayList<>();
        /** unit NUL year -> rows, the denominators of the flagged lines. */
        final Map<String, Long> yearRows = new LinkedHashMap<>();
        final ShownUnits shown;
        long total;
        long flagged;

        Tally(ShownUnits shown) {
            this.shown = shown;
        }

        void add(ResultSet rs, Contract c, List<ContractColumn> codeCols) throws SQLException {
            String unit = shown.of(rs.getString(1));
            Object y = rs.getObject(2);
            int t = rs.getInt(3);
            boolean yearLevel = rs.getInt(4) == 1;
            // rows whose year is unknown have no tertial either: the year-level line already holds them
            if (y == null && !yearLevel) return;
            String period = y == null ? "unknown" : yearLevel ? y.toString() : y + "-T" + t;
            long rows = rs.getLong(5);
            long fl = rs.getLong(6);
            boolean ok = rs.getBoolean(8);
            rowsByPeriod.computeIfAbsent(period, k -> new TreeMap<>()).put(unit, rows);
            if (ok) {
                expected.add(unit);
                deliveredOk.computeIfAbsent(period, k -> new TreeSet<>()).add(unit);
            }
            if (yearLevel) {
                total += rows;
                flagged += fl;
                yearRows.put(unit + "\u0000" + period, rows);
            }
            validity.add(QualityRow.of("validity", c.id(), c.registry(), unit, period, "valid_rows", rows - fl, rows, null));
            for (int i = 0; i < codeCols.size(); i++) {
                long n = rs.getLong(9 + 2 * i);
                long okN = rs.getLong(10 + 2 * i);
                if (n == 0) continue; // no values to judge (an optional column left empty)
                validity.add(QualityRow.of("validity", c.id(), c.registry(), unit, period,
                        "valid_" + codeCols.get(i).name(), okN, n, null));
            }
            if (yearLevel) {
                // how full each contract column is per unit and year: rows with a value (or a delivered value flagged
                // and stored NULL) over rows; a column a delivery did not have is NULL in all its rows, so 0 % filled
                int first = 9 + 2 * codeCols.size();
                for (int k = 0; k < c.columns().size(); k++) {
                    fill.add(QualityRow.of("fill", c.id(), c.registry(), unit, period,
                            "filled_" + c.columns().get(k).name(), rs.getLong(first + k), rows, null));
                }
            }
        }
    }

    /** Per period: units delivered of those expected, and rows per unit (or in all, without a reporting unit). */
    private static void completeness(Contract c, Tally tally, String expectedNote, List<QualityRow> out) {
        String id = c.id();
        String reg = c.registry();
        if (c.reportingUnitColumn() == null) {
            for (Map.Entry<String, Map<String, Long>> p : tally.rowsByPeriod.entrySet()) {
                out.add(QualityRow.of("completeness", id, reg, "", p.getKey(), "rows",
                        p.getValue().values().stream().mapToLong(Long::longValue).sum(), null,
                        "the contract has no reporting unit"));
            }
            return;
        }
        Set<String> expected = tally.expected;
        for (Map.Entry<String, Map<String, Long>> p : tally.rowsByPeriod.entrySet()) {
            Set<String> delivered = tally.deliveredOk.getOrDefault(p.getKey(), Set.of());
            out.add(QualityRow.of("completeness", id, reg, "", p.getKey(), "units_delivered", delivered.size(),
                    (long) expected.size(), expectedNote));
            Set<String> units = new TreeSet<>(expected);
            units.addAll(p.getValue().keySet());
            for (String u : units) {
                out.add(QualityRow.of("completeness", id, reg, u, p.getKey(), "rows",
                        p.getValue().getOrDefault(u, 0L), null, expected.contains(u) ? null : "not an expected unit"));
            }
        }
    }

    /** Flagged rows per unit, year and reason, over the unit's rows that year. */
    private static void flagged(Connection conn, Contract c, ShownUnits shown, Map<String, Long> yearRows,
                                List<QualityRow> out)
            throws SQLException {
        String unitCol = c.reportingUnitColumn();
        String flaggedSql = "SELECT unit, y, reason, count(*) FROM (SELECT "
                + (unitCol == null ? "''" : "coalesce(" + q(unitCol) + ", '')") + " AS unit, _year AS y, "
                + "unnest(string_split(_errors, '" + ErrorReasons.SEPARATOR + "')) AS reason FROM " + q(c.id() + "_all")
                + " WHERE _errors IS NOT NULL) GROUP BY ALL ORDER BY unit, y, reason";
        try (PreparedStatement ps = conn.prepareStatement(flaggedSql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String unit = shown.of(rs.getString(1));
                Object y = rs.getObject(2);
                String period = y == null ? "unknown" : y.toString();
                out.add(QualityRow.of("flagged", c.id(), c.registry(), unit, period, rs.getString(3), rs.getLong(4),
                        yearRows.get(unit + "\u0000" + period), null));
            }
        }
    }

    /**
     * Who reads what, from the catalogue's SQL ({@link ContractReaders}): contract id → the indicators reading it, and
     * field name → the indicators whose SQL (or the macros it calls) uses a field of that name.
     */
    private record Readers(Map<String, Set<String>> byContract, Map<String, Set<String>> byField) {
        /** The indicators reading {@code contract} that use its field {@code field}. */
        Set<String> using(Contract contract, String field) {
            Set<String> users = new TreeSet<>(byContract.getOrDefault(contract.id(), Set.of()));
            users.retainAll(byField.getOrDefault(field, Set.of()));
            return users;
        }
    }

    private static Readers readers(KvikHome home, Contracts contracts) {
        Catalogue catalogue = Catalogue.load(home.indicators(), contracts);
        Map<String, Path> sqlFiles = new TreeMap<>();
        catalogue.all().forEach(i -> sqlFiles.put(i.id(), i.sqlFile()));
        try {
            ContractReaders.Sql sql = ContractReaders.Sql.read(sqlFiles, home.sql().resolve("reference"));
            Set<String> fields = new TreeSet<>();
            contracts.all().forEach(c -> fields.addAll(c.columnNames()));
            return new Readers(ContractReaders.of(contracts.all().stream().map(Contract::id).toList(),
                    sql.indicators(), sql.reference()), ContractReaders.ofFields(fields, sql.indicators(), sql.reference()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the indicator SQL: " + e.getMessage(), e);
        }
    }

    /**
     * The {@code removed} lines: per fault ({@code reason:field}) of the contract and per year ({@code _year};
     * {@code unknown} when the year field is empty or flagged), what the fault removed from which indicators.
     * A whole-row fault: numerator = rows it made unusable (not in the contract's view), left out of every
     * indicator reading the contract (named). A value fault ({@code "onInvalid": "value"}): numerator = rows kept
     * in the view with the value NULL; only the indicators reading the contract whose SQL uses the field (named;
     * from the SQL text, an upper bound) are affected: for a unit field they place the case in unit
     * {@code unknown} at that level, otherwise they leave the row out where a case condition needs the value.
     * Denominator: the rows carrying the fault.
     */
    private static void removed(Connection conn, Contract c, Readers readers, List<QualityRow> out)
            throws SQLException {
        String sql = "SELECT reason, _year, count(*), count(*) FILTER (WHERE NOT usable) FROM (SELECT "
                + "unnest(string_split(_errors, '" + ErrorReasons.SEPARATOR + "')) AS reason, " + Store.usable(c)
                + " AS usable, _year FROM " + q(c.id() + "_all") + " WHERE _errors IS NOT NULL) GROUP BY reason, _year "
                + "ORDER BY reason, _year NULLS LAST";
        Set<String> contractReaders = readers.byContract().getOrDefault(c.id(), Set.of());
        try (PreparedStatement ps = conn.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String reason = rs.getString(1);
                Object year = rs.getObject(2);
                long rows = rs.getLong(3);
                long unusable = rs.getLong(4);
                String field = reason.substring(reason.indexOf(':') + 1);
                Optional<ContractColumn> column = c.column(field);
                boolean valueOnly = column.map(col -> !c.invalidRemovesRow(col)).orElse(false);
                String detail;
                if (valueOnly) {
                    Set<String> users = readers.using(c, field);
                    boolean unitField = column.map(QualityReport::isUnitReference).orElse(false);
                    detail = "value stored NULL, row kept: " + users.size() + " of the " + contractReaders.size()
                            + " indicator(s) reading " + c.id() + " use " + field
                            + (unitField ? " and place the case in unit 'unknown' at that level"
                            : " and leave the row out where a case condition needs it")
                            + (users.isEmpty() ? "" : ": " + String.join(" ", users)) + "; the others count it as usual";
                } else {
                    detail = "row unusable: left out of all " + contractReaders.size() + " indicator(s) reading "
                            + c.id() + (contractReaders.isEmpty() ? "" : ": " + String.join(" ", contractReaders));
                }
                out.add(QualityRow.of("removed", c.id(), c.registry(), "", year == null ? "unknown" : year.toString(),
                        reason, valueOnly ? rows - unusable : unusable, rows, detail));
            }
        }
    }

    /** True for a column referring to a reporting unit (a municipality, county, organisation or central). */
    private static boolean isUnitReference(ContractColumn col) {
        CodeSystem s = col.codeSystem();
        return s == CodeSystem.ORGNR || s == CodeSystem.MUNICIPALITY || s == CodeSystem.AREA || s == CodeSystem.CENTRAL;
    }

    /** The query listing the units a code system's reference table expects, or null if it has none. */
    private static String referenceUnits(CodeSystem system) {
        if (system == null) return null;
        return switch (system) {
            case MUNICIPALITY -> "SELECT kommunenummer FROM ref_kommuner_2025";
            case AREA -> "SELECT kommunenummer FROM ref_kommuner_2025 UNION SELECT fylkesnummer FROM ref_fylker_2025";
            case ORGNR -> "SELECT DISTINCT orgnr FROM ref_behandlingssteder_skde_behandler";
            case CENTRAL -> "SELECT central_id FROM ref_emergency_centrals";
            default -> null;
        };
    }

    /** The error item a value of this code column gets when it is not in its code system. */
    private static String codeToken(ContractColumn col) {
        if (col.codeSystem() == null) return null;
        return (isUnitReference(col) ? ErrorReasons.UNKNOWN_REFERENCE : ErrorReasons.INVALID_CODE) + ":" + col.name();
    }

    private static String q(String identifier) {
        if (!identifier.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a lower_snake_case name: " + identifier);
        }
        return '"' + identifier + '"';
    }

    /** Writes {@code quality.csv} and {@code quality.json} into {@code dir}. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("quality.json").toFile(), this);
        try (Writer w = Files.newBufferedWriter(dir.resolve("quality.csv"), StandardCharsets.UTF_8)) {
            w.write("section,contract_id,registry,unit,period,measure,numerator,denominator,share,detail\n");
            for (QualityRow r : rows) {
                w.write(String.join(",", csv(r.section()), csv(r.contractId()), csv(r.registry()), csv(r.unit()),
                        csv(r.period()), csv(r.measure()), Long.toString(r.numerator()),
                        r.denominator() == null ? "" : r.denominator().toString(),
                        r.share() == null ? "" : String.format(java.util.Locale.ROOT, "%.6f", r.share()),
                        csv(r.detail())));
                w.write('\n');
            }
        }
    }

    private static String csv(String v) {
        if (v == null) return "";
        return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}

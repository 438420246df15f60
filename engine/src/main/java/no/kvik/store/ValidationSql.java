package no.kvik.store;

import static no.kvik.store.BoundSql.identifier;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import no.kvik.contract.CodeSystem;
import no.kvik.contract.ColumnType;
import no.kvik.contract.Contract;
import no.kvik.contract.ContractColumn;
import no.kvik.contract.RowRule;

/**
 * The set-based SQL that validates one extract file against its contract, all inside DuckDB, reading the file
 * once:
 * <ol>
 *   <li>{@link #load}: the file as VARCHAR columns into the temp table {@code _raw}, read in parallel with
 *       insertion order kept, so {@code rowid + 1} is the data row number (view {@code _side});</li>
 *   <li>{@link #duplicates} and the element-wise {@link #listChecks} over distinct list values;</li>
 *   <li>{@link #validatedSelect}: typed columns, {@code _year}, {@code _errors}, {@code _warnings},
 *       {@code _source_file}, {@code _row} — one output row per row read, in any order.</li>
 * </ol>
 * (Numbering rows with {@code row_number() OVER ()} on the CSV scan instead forces one thread through the whole
 * validating write: measured 2.4x slower on 2 cores.)
 */
final class ValidationSql {
    static final String RAW_TABLE = "_raw";
    static final String SIDE_VIEW = "_side";
    /** The blanks a declared trim removes from both ends of a key or code field: space and tab. */
    static final String BLANKS = "' ' || chr(9)";
    /** Any C0 control character or DEL (after trimming, a tab included). */
    static final String CONTROL_CHARACTERS = "'[\\x00-\\x1F\\x7F]'";

    private final Contract contract;

    ValidationSql(Contract contract) {
        this.contract = contract;
        contract.columns().forEach(c -> identifier(c.name()));
        identifier(contract.id());
    }

    /** DuckDB's name for a contract encoding (its CSV reader decodes UTF-8, latin-1 and UTF-16 itself). */
    static String duckDbEncoding(String encoding) {
        String e = encoding.toUpperCase(Locale.ROOT).replace("_", "-");
        return switch (e) {
            case "UTF-8", "UTF8" -> "utf-8";
            case "ISO-8859-1", "LATIN-1", "LATIN1", "ISO8859-1" -> "latin-1";
            case "UTF-16" -> "utf-16";
            default -> throw new StoreException("contract encoding '" + encoding + "' is not supported");
        };
    }

    /**
     * {@code CREATE TEMP TABLE _raw}: the file as VARCHAR columns {@code _r<i>} in contract order, and the view
     * {@code _side} that adds {@code _row}, the 1-based data row number. {@code header} is the file's header,
     * already checked against the contract; contract columns absent from it read as NULL; {@code duckDbEncoding}
     * is DuckDB's name for the encoding to read with ({@link FileChecks.Digest#readEncoding}). Run with
     * {@code preserve_insertion_order} on: the parallel CSV scan then appends rows in file order, so rowid
     * follows the file.
     */
    List<BoundSql> load(String path, List<String> header, String duckDbEncoding) {
        BoundSql sql = new BoundSql().sql("CREATE OR REPLACE TEMP TABLE " + RAW_TABLE + " AS SELECT ");
        List<ContractColumn> cols = contract.columns();
        for (int i = 0; i < cols.size(); i++) {
            int pos = header.indexOf(cols.get(i).name());
            String field = pos >= 0 ? "f" + pos : "CAST(NULL AS VARCHAR)";
            if (pos >= 0 && contract.trimKeys() && contract.isKeyOrCode(cols.get(i))) {
                // normalised once, here: the duplicate check, the code checks, the stored key and the repeat check
                // across deliveries all see the same trimmed value (a value of blanks only is empty)
                // (the trim only where a blank is: trim with a character set costs twice a contains test, measured
                // 1.65 s against 0.6-0.8 s for four key columns of 1 M rows on one thread)
                field = "CASE WHEN " + field + " = '' THEN NULL WHEN contains(" + field + ", ' ') OR contains(" + field
                        + ", chr(9)) THEN NULLIF(trim(" + field + ", " + BLANKS + "), '') ELSE " + field + " END";
            }
            sql.sql(i > 0 ? ", " : "").sql(field).sql(" AS _r" + i);
        }
        sql.sql(" FROM read_csv(").bind(path)
                .sql(", delim = ").bind(contract.format().delimiter())
                .sql(", encoding = ").bind(duckDbEncoding)
                .sql(", header = true, auto_detect = false, quote = '\"', escape = '\"', strict_mode = true, "
                        + "null_padding = false, ignore_errors = false, columns = {");
        for (int f = 0; f < header.size(); f++) {
            sql.sql((f > 0 ? ", " : "") + "'f" + f + "': 'VARCHAR'");
        }
        sql.sql("})");
        BoundSql view = new BoundSql().sql("CREATE OR REPLACE TEMP VIEW " + SIDE_VIEW + " AS SELECT rowid + 1 AS _row, * FROM "
                + RAW_TABLE);
        return List.of(sql, view);
    }

    private List<Integer> keyColumns() {
        List<String> names = contract.columnNames();
        return contract.primaryKey().stream().map(names::indexOf).toList();
    }

    /**
     * {@code _dup_rows(_row)}: rows whose primary key (as written in the file) repeats an earlier row; the first
     * occurrence in file order stays valid.
     */
    BoundSql duplicates() {
        List<String> key = keyColumns().stream().map(i -> "_r" + i).toList();
        String keyList = String.join(", ", key);
        if (key.isEmpty()) {
            return new BoundSql().sql("CREATE OR REPLACE TEMP TABLE _dup_rows AS SELECT CAST(NULL AS BIGINT) AS _row "
                    + "WHERE false");
        }
        return new BoundSql().sql("CREATE OR REPLACE TEMP TABLE _dup_rows AS SELECT s._row FROM " + SIDE_VIEW
                + " s JOIN (SELECT " + keyList + ", min(_row) AS _first FROM " + SIDE_VIEW + " WHERE "
                + String.join(" AND ", key.stream().map(k -> k + " IS NOT NULL").toList()) + " GROUP BY " + keyList
                + " HAVING count(*) > 1) d USING (" + keyList + ") WHERE s._row > d._first");
    }

    /** Indexes of list columns with a code system: each gets a {@code _list_<i>} table. */
    List<Integer> listColumns() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < contract.columns().size(); i++) {
            ContractColumn c = contract.columns().get(i);
            if (c.listSeparator() != null && c.codeSystem() != null) out.add(i);
        }
        return out;
    }

    /**
     * {@code _list_<i>(v, bad, warn)}: the distinct values of list column {@code i} having at least one element
     * outside the code system ({@code bad}) or only warned about ({@code warn}). The code system is checked once per
     * distinct element (a few thousand codes), and only the rows holding a flagged element are grouped by value:
     * grouping every distinct value first cost twice as much where most values are unique (secondary diagnoses).
     */
    BoundSql listChecks(int i) {
        ContractColumn c = contract.columns().get(i);
        String raw = "_r" + i;
        BoundSql sql = new BoundSql().sql("CREATE OR REPLACE TEMP TABLE _list_" + i + " AS WITH _flagged AS (SELECT e, "
                + "NOT ok AS bad, warn FROM (SELECT e, ");
        elementOk(sql, c.codeSystem(), "e");
        sql.sql(" AS ok, ");
        elementWarn(sql, c.codeSystem(), "e");
        sql.sql(" AS warn FROM (SELECT DISTINCT e FROM (SELECT unnest(string_split(" + raw + ", ").bind(c.listSeparator())
                .sql(")) AS e FROM " + RAW_TABLE + " WHERE " + raw + " IS NOT NULL) WHERE e <> '')) WHERE NOT ok OR warn) "
                        + "SELECT v, bool_or(bad) AS bad, bool_or(warn) AS warn FROM (SELECT " + raw + " AS v, "
                        + "unnest(string_split(" + raw + ", ").bind(c.listSeparator()).sql(")) AS e FROM " + RAW_TABLE
                        + " WHERE " + raw + " IS NOT NULL) JOIN _flagged USING (e) GROUP BY v");
        return sql;
    }

    private static void elementOk(BoundSql sql, CodeSystem system, String e) {
        String table = CodeSets.table(system);
        if (system == CodeSystem.NCSP || table == null) {
            sql.sql("regexp_full_match(" + e + ", ").bind(CodeSets.form(system)).sql(")");
        } else {
            sql.sql("(" + e + " IN (SELECT code FROM " + table + "))");
        }
    }

    private static void elementWarn(BoundSql sql, CodeSystem system, String e) {
        if (system == CodeSystem.NCSP) {
            sql.sql("(regexp_full_match(" + e + ", ").bind(CodeSets.form(system)).sql(") AND " + e
                    + " NOT IN (SELECT code FROM " + CodeSets.table(system) + "))");
        } else {
            sql.sql("false");
        }
    }

    /**
     * Appends the validated rows of the file to {@code sql}: contract columns, then the store columns. Needs
     * {@link #load}, {@link #duplicates} and {@link #listChecks} to have run. Every flagged value (a column check or
     * a row rule on its field) is written as NULL; {@code _year} is read from the year column after that, so a row
     * whose year value is flagged goes to the unknown-year partition. {@code periodEnd} is the delivery's period end
     * (for {@link RowRule#PERIOD_END} in plausibility rules).
     */
    BoundSql validatedSelect(BoundSql sql, String sourceFile, LocalDate periodEnd) {
        return validatedSelect(sql, sourceFile, periodEnd, false);
    }

    /**
     * As {@link #validatedSelect(BoundSql, String, LocalDate)}; with {@code personKeys}, also {@value
     * PersonKeys#KEY_COLUMN} last: the stored person id's key in the dictionary table {@value PersonKeys#TABLE}
     * (NULL where the id is NULL), which must hold every id of the file.
     */
    BoundSql validatedSelect(BoundSql sql, String sourceFile, LocalDate periodEnd, boolean personKeys) {
        List<ContractColumn> cols = contract.columns();
        checkedRows(sql, periodEnd);
        // NULLIF(x, '') expands to CASE WHEN x = '' THEN NULL ELSE x END, which would plan every subquery in
        // x twice: the reasons are computed once in _c and joined and emptied to NULL outside
        sql.sql(" SELECT ");
        for (int i = 0; i < cols.size(); i++) {
            sql.sql(keptValue(i) + " AS " + identifier(cols.get(i).name()) + ", ");
        }
        sql.sql(yearExpression(keptValue(yearIndex()))).sql(" AS _year, NULLIF(concat_ws('" + ErrorReasons.SEPARATOR + "'");
        for (int i = 0; i < cols.size(); i++) sql.sql(", _e" + i);
        for (int j = 0; j < contract.rowRules().size(); j++) sql.sql(", _q" + j);
        sql.sql(", _d), '') AS _errors, NULLIF(concat_ws('" + ErrorReasons.SEPARATOR + "'");
        int warnings = 0;
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).codeSystem() == CodeSystem.NCSP) {
                sql.sql(", _w" + i);
                warnings++;
            }
        }
        if (warnings == 0) sql.sql(", NULL");
        sql.sql("), '') AS _warnings, ").bind(sourceFile).sql(" AS _source_file, _row");
        if (!personKeys) return sql.sql(" FROM _c");
        int p = PersonKeys.idIndex(contract);
        return sql.sql(", _pk.person_key AS " + identifier(PersonKeys.KEY_COLUMN) + " FROM _c LEFT JOIN "
                + PersonKeys.TABLE + " _pk ON _pk.person_id = " + keptValue(p));
    }

    /**
     * {@code WITH _t AS (typed columns), _c AS (_t with _e<i> column reasons, _q<j> row rule reasons, _d duplicate
     * key, _w<i> warnings)}: every check computed once.
     */
    private void checkedRows(BoundSql sql, LocalDate periodEnd) {
        List<ContractColumn> cols = contract.columns();
        sql.sql("WITH _t AS (SELECT _row");
        for (int i = 0; i < cols.size(); i++) {
            sql.sql(", _r" + i + ", ");
            typed(sql, cols.get(i), "_r" + i);
            sql.sql(" AS " + identifier(cols.get(i).name()));
        }
        sql.sql(" FROM " + SIDE_VIEW + "), _c AS (SELECT *");
        for (int i = 0; i < cols.size(); i++) {
            sql.sql(", ");
            columnError(sql, cols.get(i), i);
            sql.sql(" AS _e" + i);
        }
        List<RowRule> rules = contract.rowRules();
        for (int j = 0; j < rules.size(); j++) {
            RowRule rule = rules.get(j);
            sql.sql(", CASE WHEN coalesce((" + ruleCondition(rule, periodEnd) + "), false) THEN '"
                    + token(rule.id(), rule.field()) + "' END AS _q" + j);
        }
        List<String> key = contract.primaryKey();
        if (key.isEmpty()) {
            sql.sql(", CAST(NULL AS VARCHAR) AS _d");
        } else {
            sql.sql(", CASE WHEN _row IN (SELECT _row FROM _dup_rows) THEN '"
                    + token(ErrorReasons.DUPLICATE_KEY, key.get(0)) + "' END AS _d");
        }
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).codeSystem() == CodeSystem.NCSP) {
                sql.sql(", ");
                columnWarning(sql, cols.get(i), i);
                sql.sql(" AS _w" + i);
            }
        }
        sql.sql(" FROM _t)");
    }

    /** The rule's condition with the delivery's period end in place of {@link RowRule#PERIOD_END}. */
    static String ruleCondition(RowRule rule, LocalDate periodEnd) {
        return rule.when().replace(RowRule.PERIOD_END, "DATE '" + periodEnd + "'");
    }

    /** Column {@code i} as stored: NULL when its own check or a row rule on it flagged it. */
    private String keptValue(int i) {
        ContractColumn c = contract.columns().get(i);
        StringBuilder ok = new StringBuilder("_e" + i + " IS NULL");
        List<RowRule> rules = contract.rowRules();
        for (int j = 0; j < rules.size(); j++) {
            if (rules.get(j).field().equals(c.name())) ok.append(" AND _q").append(j).append(" IS NULL");
        }
        return "CASE WHEN " + ok + " THEN " + identifier(c.name()) + " END";
    }

    private int yearIndex() {
        return contract.columnNames().indexOf(contract.yearColumn());
    }

    /**
     * {@code SELECT DISTINCT _year}: the years the rows will be stored under (NULL where the year value is unusable
     * or flagged), by the same checks as {@link #validatedSelect}.
     */
    BoundSql years(LocalDate periodEnd) {
        // only the year column's own check and the rules on it decide its stored value: the code checks of the other
        // columns (subqueries against the code tables) are left out, and DuckDB types only the columns these read
        List<ContractColumn> cols = contract.columns();
        int y = yearIndex();
        BoundSql sql = new BoundSql().sql("WITH _t AS (SELECT _row");
        for (int i = 0; i < cols.size(); i++) {
            sql.sql(", _r" + i + ", ");
            typed(sql, cols.get(i), "_r" + i);
            sql.sql(" AS " + identifier(cols.get(i).name()));
        }
        sql.sql(" FROM " + SIDE_VIEW + "), _c AS (SELECT *, ");
        columnError(sql, cols.get(y), y);
        sql.sql(" AS _e" + y);
        List<RowRule> rules = contract.rowRules();
        for (int j = 0; j < rules.size(); j++) {
            if (rules.get(j).field().equals(contract.yearColumn())) {
                sql.sql(", CASE WHEN coalesce((" + ruleCondition(rules.get(j), periodEnd) + "), false) THEN 1 END AS _q" + j);
            }
        }
        return sql.sql(" FROM _t) SELECT DISTINCT " + yearExpression(keptValue(y)) + " AS _year FROM _c");
    }

    /** {@code reason:field}; both parts are lower_snake_case, so the token is a safe SQL literal body. */
    static String token(String reason, String field) {
        if (!reason.matches("[a-z0-9_]+")) {
            throw new StoreException("row rule id '" + reason + "' must be lower_snake_case");
        }
        identifier(field);
        return reason + ":" + field;
    }

    private String yearExpression(String col) {
        ContractColumn y = contract.column(contract.yearColumn()).orElseThrow();
        return switch (y.type()) {
            case INTEGER, BIGINT -> "CAST(" + col + " AS INTEGER)";
            case DATE, TIMESTAMP -> "CAST(year(" + col + ") AS INTEGER)";
            default -> throw new StoreException("contract " + contract.id() + ": year column " + y.name()
                    + " must be INTEGER, DATE or TIMESTAMP");
        };
    }

    private void typed(BoundSql sql, ContractColumn c, String raw) {
        switch (c.type()) {
            case VARCHAR -> sql.sql(raw);
            case INTEGER, BIGINT -> sql.sql("CASE WHEN regexp_full_match(" + raw + ", '[+-]?[0-9]+') THEN TRY_CAST("
                    + raw + " AS " + c.type().duckDbType() + ") END");
            case DOUBLE -> {
                String sep = contract.format().decimalSeparator() == null ? "." : contract.format().decimalSeparator();
                String s = switch (sep) {
                    case "." -> "\\.";
                    case "," -> ",";
                    default -> throw new StoreException("contract " + contract.id() + ": decimal separator '"
                            + sep + "' is not supported (use '.' or ',')");
                };
                String form = "[+-]?([0-9]+(" + s + "[0-9]*)?|" + s + "[0-9]+)([eE][+-]?[0-9]+)?";
                sql.sql("CASE WHEN regexp_full_match(" + raw + ", '" + form + "') THEN TRY_CAST(");
                sql.sql(sep.equals(",") ? "replace(" + raw + ", ',', '.')" : raw).sql(" AS DOUBLE) END");
            }
            case DATE -> sql.sql("CAST(TRY_STRPTIME(" + raw + ", ").bind(contract.format().dateFormat())
                    .sql(") AS DATE)");
            case TIMESTAMP -> sql.sql("TRY_STRPTIME(" + raw + ", ").bind(contract.format().timestampFormat())
                    .sql(")");
            case BOOLEAN -> sql.sql("CASE lower(" + raw + ") WHEN 'true' THEN true WHEN '1' THEN true "
                    + "WHEN 'false' THEN false WHEN '0' THEN false END");
        }
    }

    private void columnError(BoundSql sql, ContractColumn c, int i) {
        String raw = "_r" + i;
        String col = identifier(c.name());
        sql.sql("CASE");
        if (c.required()) {
            sql.sql(" WHEN " + raw + " IS NULL THEN '" + token(ErrorReasons.MISSING, c.name()) + "'");
        }
        // keys have no other check; a code field with a control character or blanks left in it already fails its code
        // system or allowed set (flagged invalid_code / not_allowed), and one regex per code column per row cost
        // about a fifth more CPU on npr_somatic
        if (contract.isKey(c) && c.type() == ColumnType.VARCHAR) {
            sql.sql(" WHEN regexp_matches(" + raw + ", " + CONTROL_CHARACTERS + ") THEN '"
                    + token(ErrorReasons.CONTROL_CHARACTER, c.name()) + "'");
            if (!contract.trimKeys()) {
                sql.sql(" WHEN " + raw + " <> trim(" + raw + ", " + BLANKS + ") THEN '"
                        + token(ErrorReasons.PADDED, c.name()) + "'");
            }
        }
        if (c.type() != ColumnType.VARCHAR) {
            sql.sql(" WHEN " + raw + " IS NOT NULL AND " + col + " IS NULL THEN '"
                    + token(ErrorReasons.TYPE, c.name()) + "'");
        }
        if (c.allowed() != null && !c.allowed().isEmpty()) {
            sql.sql(" WHEN " + col + " NOT IN ").bindList(c.allowed())
                    .sql(" THEN '" + token(ErrorReasons.NOT_ALLOWED, c.name()) + "'");
        }
        if (c.min() != null || c.max() != null) {
            sql.sql(" WHEN ");
            if (c.min() != null) sql.sql(col + " < ").bind(c.min());
            if (c.min() != null && c.max() != null) sql.sql(" OR ");
            if (c.max() != null) sql.sql(col + " > ").bind(c.max());
            sql.sql(" THEN '" + token(ErrorReasons.OUT_OF_RANGE, c.name()) + "'");
        }
        if (c.codeSystem() != null) {
            String reason = token(CodeSets.errorReason(c.codeSystem()), c.name());
            if (c.listSeparator() != null) {
                sql.sql(" WHEN " + raw + " IN (SELECT v FROM _list_" + i + " WHERE bad) THEN '" + reason + "'");
            } else {
                sql.sql(" WHEN NOT ");
                elementOk(sql, c.codeSystem(), col);
                sql.sql(" THEN '" + reason + "'");
            }
        }
        sql.sql(" END");
    }

    private static void columnWarning(BoundSql sql, ContractColumn c, int i) {
        String reason = token(ErrorReasons.UNKNOWN_CODE, c.name());
        if (c.listSeparator() != null) {
            sql.sql("CASE WHEN _r" + i + " IN (SELECT v FROM _list_" + i + " WHERE warn AND NOT bad) THEN '"
                    + reason + "' END");
        } else {
            sql.sql("CASE WHEN ");
            elementWarn(sql, c.codeSystem(), identifier(c.name()));
            sql.sql(" THEN '" + reason + "' END");
        }
    }
}

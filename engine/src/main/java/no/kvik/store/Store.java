package no.kvik.store;

import static no.kvik.store.BoundSql.identifier;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contract;
import no.kvik.contract.ContractColumn;
import no.kvik.contract.Contracts;
import no.kvik.reference.ReferenceData;

/**
 * Read access to a store. {@link #open} returns an in-memory DuckDB connection with the {@code ref_*}
 * tables and, for every contract, two views over the Parquet files listed in {@code manifest.json}:
 * <ul>
 *   <li>{@code <contract id>}: usable rows ({@link #usable}) — the typed contract columns and {@code _year}, a
 *       flagged value NULL;</li>
 *   <li>{@code <contract id>_all}: every stored row — the same plus {@code _errors}, {@code _warnings},
 *       {@code _source_file} and {@code _row}.</li>
 * </ul>
 * A contract without deliveries gets empty views of the same columns and types, so indicator SQL never
 * fails on a missing view.
 */
public final class Store {
    /** Store columns after the contract columns in {@code <contract>_all}, in this order. */
    public static final List<String> STORE_COLUMNS = List.of("_year", "_errors", "_warnings", "_source_file", "_row");

    private Store() {
    }

    /** Opens a store for reading; the caller closes the connection. A missing store reads as empty. */
    public static Connection open(Path storeDir, KvikHome home) throws SQLException {
        Contracts contracts = Contracts.load(home.contracts());
        StoreManifest manifest = StoreManifest.read(storeDir);
        Connection conn = DriverManager.getConnection("jdbc:duckdb:");
        try {
            ReferenceData.register(conn, home.reference());
            try (Statement st = conn.createStatement()) {
                for (Contract c : contracts.all()) {
                    List<String> files = manifest.deliveries(c.id()).stream()
                            .flatMap(d -> d.files().stream())
                            .map(f -> storeDir.toAbsolutePath().resolve(f.path()).normalize().toString())
                            .toList();
                    st.execute(allView(c, files));
                    st.execute(usableView(c));
                }
            }
            // curated reference views and macros may read the registry views, so they come last
            ReferenceData.registerViews(conn, home.sql().resolve("reference"));
            return conn;
        } catch (SQLException | RuntimeException e) {
            conn.close();
            throw e;
        }
    }

    /**
     * The {@code <contract>} view: the usable rows ({@link #usable}), with every flagged value NULL (already so in a
     * store written since field-level validity; the CASE keeps a store written before it right too).
     */
    static String usableView(Contract c) {
        List<String> columns = new ArrayList<>();
        for (ContractColumn col : c.columns()) {
            String name = identifier(col.name());
            columns.add(c.invalidRemovesRow(col) ? name : "CASE WHEN " + flags(col.name()) + " THEN NULL ELSE "
                    + name + " END AS " + name);
        }
        return "CREATE OR REPLACE VIEW " + identifier(c.id()) + " AS SELECT " + String.join(", ", columns)
                + ", _year FROM " + identifier(c.id() + "_all") + " WHERE " + usable(c);
    }

    /**
     * SQL condition on {@code _errors}: the row is usable, i.e. every reason it carries is on a field whose invalid
     * value removes only that value ({@code "onInvalid": "value"}); the row then stays in the contract's view with
     * the value NULL. A reason on any other field (a key, a duplicate key, a field the contract did not declare so)
     * makes the row unusable: it is excluded from every indicator that reads the contract.
     */
    public static String usable(Contract c) {
        List<String> valueFields = c.columns().stream().filter(col -> !c.invalidRemovesRow(col))
                .map(ContractColumn::name).toList();
        if (valueFields.isEmpty()) return "(_errors IS NULL)";
        String field = "[a-z0-9_]+:(" + String.join("|", valueFields) + ")";
        return "(_errors IS NULL OR regexp_full_match(_errors, " + BoundSql.literal(field + "(; " + field + ")*") + "))";
    }

    /** SQL condition: {@code _errors} carries a reason on {@code field}. */
    private static String flags(String field) {
        return "coalesce(regexp_matches(_errors, " + BoundSql.literal("(^|; )[a-z0-9_]+:" + field + "(;|$)") + "), false)";
    }

    /** The {@code <contract>_all} view: explicit casts keep the column types fixed whatever the files hold. */
    static String allView(Contract c, List<String> files) {
        StringBuilder sql = new StringBuilder("CREATE OR REPLACE VIEW " + identifier(c.id() + "_all") + " AS SELECT ");
        for (ContractColumn col : c.columns()) {
            String name = identifier(col.name());
            sql.append(files.isEmpty() ? "CAST(NULL AS " : "CAST(" + name + " AS ")
                    .append(col.type().duckDbType()).append(") AS ").append(name).append(", ");
        }
        if (files.isEmpty()) {
            sql.append("CAST(NULL AS INTEGER) AS _year, CAST(NULL AS VARCHAR) AS _errors, "
                    + "CAST(NULL AS VARCHAR) AS _warnings, CAST(NULL AS VARCHAR) AS _source_file, "
                    + "CAST(NULL AS BIGINT) AS _row WHERE false");
        } else {
            // a view stores its SQL text, so the file list cannot be bound: the paths come from our manifest
            sql.append("CAST(_year AS INTEGER) AS _year, _errors, _warnings, _source_file, CAST(_row AS BIGINT) AS _row "
                    + "FROM read_parquet([")
                    .append(String.join(", ", files.stream().map(BoundSql::literal).toList()))
                    .append("], union_by_name = true)");
        }
        return sql.toString();
    }
}

package no.kvik.store;

import static no.kvik.store.BoundSql.identifier;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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
 *   <li>{@code <contract id>}: valid rows only — the typed contract columns and {@code _year};</li>
 *   <li>{@code <contract id>_all}: every stored row — the same plus {@code _errors}, {@code _warnings},
 *       {@code _source_file} and {@code _row}.</li>
 * </ul>
 * A contract without deliveries gets empty views of the same columns and types, so indicator SQL never
 * fails on a missing view. The view {@value #COVERAGE_VIEW} says which years each delivered contract covers.
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
            List<String> covered = new java.util.ArrayList<>();
            try (Statement st = conn.createStatement()) {
                for (Contract c : contracts.all()) {
                    List<String> files = manifest.deliveries(c.id()).stream()
                            .flatMap(d -> d.files().stream())
                            .map(f -> storeDir.toAbsolutePath().resolve(f.path()).normalize().toString())
                            .toList();
                    st.execute(allView(c, files));
                    st.execute("CREATE OR REPLACE VIEW " + identifier(c.id()) + " AS SELECT "
                            + String.join(", ", c.columns().stream().map(col -> identifier(col.name())).toList())
                            + ", _year FROM " + identifier(c.id() + "_all") + " WHERE _errors IS NULL");
                    if (!files.isEmpty()) {
                        covered.add("SELECT " + BoundSql.literal(c.id()) + " AS contract_id, " + BoundSql.literal(c.registry())
                                + " AS registry, CAST(max(_year) AS INTEGER) AS last_year FROM " + identifier(c.id()));
                    }
                }
                st.execute(coverageView(covered));
            }
            // curated reference views and macros may read the registry views, so they come last
            ReferenceData.registerViews(conn, home.sql().resolve("reference"));
            return conn;
        } catch (SQLException | RuntimeException e) {
            conn.close();
            throw e;
        }
    }

    /** Name of the view of what the store covers: contract_id, registry, last_year (see {@link #coverageView}). */
    public static final String COVERAGE_VIEW = "kvik_coverage";

    /**
     * The view {@value #COVERAGE_VIEW}: per contract with deliveries, its registry and the last year with valid
     * rows by the contract's yearColumn. Registry extracts are delivered by whole years, so a source covers
     * through 31 December of that year (a flagged row does not extend it). Evaluated only when read.
     */
    static String coverageView(List<String> perContract) {
        return "CREATE OR REPLACE VIEW " + COVERAGE_VIEW + " AS " + (perContract.isEmpty()
                ? "SELECT CAST(NULL AS VARCHAR) AS contract_id, CAST(NULL AS VARCHAR) AS registry, "
                        + "CAST(NULL AS INTEGER) AS last_year WHERE false"
                : String.join(" UNION ALL ", perContract));
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

package no.kvik.store;

import static no.kvik.store.BoundSql.identifier;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import no.kvik.config.KvikHome;
import no.kvik.config.Timings;
import no.kvik.contract.Contract;
import no.kvik.contract.ContractColumn;
import no.kvik.contract.Contracts;
import no.kvik.reference.ReferenceData;
import no.kvik.sql.DuckDb;

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
 * fails on a missing view. The view {@value #COVERAGE_VIEW} says which years each delivered contract covers;
 * {@code ingest_files} and {@code ingest_rejections} which files were delivered and rejected ({@link DeliveryViews}).
 *
 * <p>The connection is a snapshot: its views list the exact files of the manifest generation it opened, and a
 * {@link ReaderLease} keeps those files on disk until the connection closes, whatever ingests run meanwhile.
 */
public final class Store {
    /** Store columns after the contract columns in {@code <contract>_all}, in this order. */
    public static final List<String> STORE_COLUMNS = List.of("_year", "_errors", "_warnings", "_source_file", "_row");

    private Store() {
    }

    /**
     * Opens a store for reading; the caller closes the connection, which ends the reader's lease. A missing store
     * (no manifest) reads as empty and is left untouched; a store folder this process may not write to is read
     * without a lease (no ingest of ours can replace its files).
     */
    public static Connection open(Path storeDir, KvikHome home) throws SQLException {
        return open(storeDir, home, DuckDb.Settings.DEFAULTS);
    }

    /** As {@link #open(Path, KvikHome)}, on a database opened with {@code settings} (e.g. one thread). */
    public static Connection open(Path storeDir, KvikHome home, DuckDb.Settings settings) throws SQLException {
        return open(storeDir, home, settings, StoreScope.everything());
    }

    /**
     * As {@link #open(Path, KvikHome, DuckDb.Settings)}, creating only what {@code scope} names (a {@code kvik run} of
     * a few indicators); the views it creates are the same as in a whole open.
     */
    public static Connection open(Path storeDir, KvikHome home, DuckDb.Settings settings, StoreScope scope)
            throws SQLException {
        long t = System.nanoTime();
        Contracts contracts = Contracts.load(home.contracts());
        // no manifest yet: the empty store, taken as such (a first ingest finishing meanwhile is not half-seen)
        boolean exists = Files.isRegularFile(storeDir.resolve(StoreManifest.FILE_NAME));
        boolean leased = exists && Files.isWritable(storeDir);
        ReaderLease lease = leased ? ReaderLease.acquire(storeDir) : null;
        StoreManifest manifest = leased ? lease.manifest() : exists ? StoreManifest.read(storeDir) : StoreManifest.empty();
        t = Timings.since("store_contracts_manifest", t);
        Connection conn;
        try {
            conn = DuckDb.open(settings);
        } catch (SQLException | RuntimeException e) {
            if (lease != null) lease.close();
            throw e;
        }
        t = Timings.since("store_duckdb_open", t);
        try {
            ReferenceData.register(conn, home.reference(), scope::includesReferenceTable);
            t = Timings.since("store_reference_csv", t);
            List<String> covered = new java.util.ArrayList<>();
            try (Statement st = conn.createStatement()) {
                for (Contract c : contracts.all()) {
                    if (!scope.includes(c)) continue;
                    List<String> files = liveFiles(storeDir, manifest, c);
                    st.execute(allView(c, files));
                    st.execute(usableView(c));
                    if (!files.isEmpty()) {
                        covered.add("SELECT " + BoundSql.literal(c.id()) + " AS contract_id, " + BoundSql.literal(c.registry())
                                + " AS registry, CAST(max(_year) AS INTEGER) AS last_year, CAST(min(_year) AS INTEGER) AS first_year FROM "
                                + identifier(c.id()));
                    }
                }
                st.execute(coverageView(covered));
                for (String view : DeliveryViews.create(manifest, contracts)) st.execute(view);
            }
            t = Timings.since("store_registry_views", t);
            // curated reference views and macros may read the registry views, so they come last
            ReferenceData.registerViews(conn, home.sql().resolve("reference"), scope::includesReferenceFile);
            t = Timings.since("store_reference_sql", t);
            if (PersonKeys.keyed(manifest, contracts.all())) keyedViews(conn, storeDir, manifest, contracts, home, scope);
            Timings.since("store_keyed_views", t);
            return snapshot(conn, manifest, lease);
        } catch (SQLException | RuntimeException e) {
            conn.close();
            if (lease != null) lease.close();
            throw e;
        }
    }

    /**
     * The schema {@link PersonKeys#SCHEMA}: the registry views of the contracts with a person id, the key in place of
     * the id, and the curated reference views again over them (a view binds to its own schema first; macros follow
     * the search path when called, so they need no copy).
     */
    private static void keyedViews(Connection conn, Path storeDir, StoreManifest manifest, Contracts contracts,
                                   KvikHome home, StoreScope scope) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE SCHEMA " + PersonKeys.SCHEMA);
            for (Contract c : PersonKeys.withPersonId(contracts.all())) {
                if (!scope.includes(c)) continue;
                st.execute(PersonKeys.allView(c, liveFiles(storeDir, manifest, c)));
                st.execute(PersonKeys.usableView(c));
            }
            st.execute("SET search_path = '" + PersonKeys.SCHEMA + ",main'");
            try {
                for (Path file : ReferenceData.sqlFiles(home.sql().resolve("reference"))) {
                    if (!scope.includesReferenceFile(file)) continue;
                    String sql = Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
                    if (sql.contains("CREATE OR REPLACE VIEW") || sql.contains("CREATE VIEW")) {
                        try {
                            st.execute(sql);
                        } catch (SQLException e) {
                            throw new SQLException(file + ": " + e.getMessage(), e);
                        }
                    }
                }
            } catch (java.io.IOException e) {
                throw new SQLException("cannot read the reference views: " + e.getMessage(), e);
            } finally {
                st.execute("SET search_path = ''");
            }
        }
    }

    /** The absolute paths of the Parquet files of a contract's live deliveries in a manifest generation. */
    static List<String> liveFiles(Path storeDir, StoreManifest manifest, Contract c) {
        return manifest.deliveries(c.id()).stream()
                .flatMap(d -> d.files().stream())
                .map(f -> storeDir.toAbsolutePath().resolve(f.path()).normalize().toString())
                .toList();
    }

    /** The manifest generation a connection from {@link #open} reads: the deliveries behind its views. */
    public static StoreManifest manifest(Connection connection) {
        if (connection instanceof Snapshot s) return s.storeManifest();
        try {
            // a wrapper of ours (e.g. the notebook's cancellable connection) passes unwrap on to it
            if (connection.isWrapperFor(Snapshot.class)) return connection.unwrap(Snapshot.class).storeManifest();
        } catch (SQLException e) {
            // not a wrapper: fall through
        }
        throw new IllegalArgumentException("not a connection opened by Store.open");
    }

    /** What a connection from {@link #open} adds to {@link Connection}. */
    private interface Snapshot extends Connection {
        StoreManifest storeManifest();
    }

    /** The DuckDB connection that also knows its manifest and ends its lease when closed. */
    private static Connection snapshot(Connection conn, StoreManifest manifest, ReaderLease lease) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("storeManifest") && method.getParameterCount() == 0) return manifest;
            if (method.getName().equals("equals") && method.getParameterCount() == 1) return proxy == args[0];
            if (method.getName().equals("hashCode") && method.getParameterCount() == 0) {
                return System.identityHashCode(proxy);
            }
            if (method.getName().equals("unwrap") && args[0] instanceof Class<?> c && c.isInstance(proxy)) return proxy;
            if (method.getName().equals("isWrapperFor") && args[0] instanceof Class<?> c && c.isInstance(proxy)) {
                return true;
            }
            if (method.getName().equals("close") && method.getParameterCount() == 0) {
                try {
                    conn.close();
                } finally {
                    if (lease != null) lease.close();
                }
                return null;
            }
            try {
                return method.invoke(conn, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Connection) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Snapshot.class}, handler);
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

    /** Name of the view of what the store covers: contract_id, registry, last_year, first_year (see {@link #coverageView}). */
    public static final String COVERAGE_VIEW = "kvik_coverage";

    /**
     * The view {@value #COVERAGE_VIEW}: per contract with deliveries, its registry and the last year with valid
     * rows by the contract's yearColumn. Registry extracts are delivered by whole years, so a source covers
     * through 31 December of that year (a flagged row does not extend it). Evaluated only when read.
     */
    static String coverageView(List<String> perContract) {
        return "CREATE OR REPLACE VIEW " + COVERAGE_VIEW + " AS " + (perContract.isEmpty()
                ? "SELECT CAST(NULL AS VARCHAR) AS contract_id, CAST(NULL AS VARCHAR) AS registry, "
                        + "CAST(NULL AS INTEGER) AS last_year, CAST(NULL AS INTEGER) AS first_year WHERE false"
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

package no.kvik.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import no.kvik.catalog.Indicator;
import no.kvik.catalog.SharedCohort;
import no.kvik.sql.ParameterType;

/**
 * Cohorts that several indicators' SQL build alike (the metadata's {@code cohort}, {@link SharedCohort}; issue #17:
 * the 15 OECD follow-ups each built the first stay per patient and year over six years of npr_somatic), built once
 * per store connection's database, macro, argument values and store state, into a table of that database
 * ({@code main._kvik_cohort_<n>}: the worker connections of a run or release are duplicates of one connection and
 * see its tables, not each other's temp tables). While an indicator's statement runs, a temp macro of the
 * cohort macro's name on the running connection stands for the table (DuckDB resolves a temp macro before the
 * store's), so the indicator's SQL is unchanged and, run anywhere else (kvik test, the console), builds the cohort
 * itself from the same macro.
 *
 * <p>The key holds every argument value (the case range among them) and a fingerprint of the database's store state
 * (its views' definitions, which list the delivered files, and its own tables and macros), so another range or a
 * changed store never reads an old cohort. Two workers needing the same cohort: the first builds it while the
 * second waits on the cohort's lock, then reads it. A cohort whose build failed fails each reader waiting for it with
 * that error (the other indicators run on) and is forgotten after them, so a later run tries again. At most {@link #KEPT} cohorts are kept per database
 * (a release's editions reuse a range's cohorts); beyond, the least recently used one no statement reads is dropped.
 * A batch of runs drops a macro's cohorts once its last reader of them is done ({@link #dropUnread}).
 * Only databases of a store (with its coverage view) share cohorts; elsewhere the SQL builds its own.
 */
final class SharedCohorts {
    /** Cohort tables kept per database (the OECD follow-ups need at most 6 at once: two cohorts by three windows). */
    static final int KEPT = 8;
    private static final ConcurrentHashMap<String, SharedCohorts> BY_DATABASE = new ConcurrentHashMap<>();
    private static final AtomicLong SERIAL = new AtomicLong();
    /** Cohorts built (not found built) since the JVM started, for tests. */
    private static final AtomicInteger BUILDS = new AtomicInteger();

    /** The database's cohorts by key, least recently used first (guarded by this). */
    private final LinkedHashMap<String, Cohort> cohorts = new LinkedHashMap<>(16, 0.75f, true);

    /** One cohort's table; {@code readers}, guarded by the registry, counts the statements reading it now. */
    static final class Cohort {
        final String macro;
        final String table;
        int readers;
        /** Set under the cohort's own lock: built, or the build's error. */
        boolean built;
        SQLException failure;

        Cohort(String macro, String table) {
            this.macro = macro;
            this.table = table;
        }
    }

    private SharedCohorts() {
    }

    /** The cohorts of the database with this id ({@link Engine#databaseId}). */
    static SharedCohorts of(String databaseId) {
        return BY_DATABASE.computeIfAbsent(databaseId, id -> new SharedCohorts());
    }

    /** How many cohorts were built rather than found built since the JVM started (for tests). */
    static int builds() {
        return BUILDS.get();
    }

    /**
     * Runs {@code work} (the indicator's statement, on {@code connection}, keyed views already first on its search
     * path) with the indicator's shared cohort built once and standing for its macro; {@code work} alone when the
     * indicator declares none.
     */
    <T> T around(Connection connection, Indicator indicator, Map<String, Object> params, Engine.KeyedWork<T> work)
            throws SQLException {
        SharedCohort declared = indicator.meta().cohort();
        if (declared == null) return work.run();
        Map<String, ParameterType> types = indicator.parameterTypes();
        List<String> literals = literals(indicator, params);
        Cohort cohort = reader(declared.macro(), key(connection, indicator, params));
        try {
            synchronized (cohort) {
                if (!cohort.built && cohort.failure == null) build(connection, declared, types, params, cohort);
            }
            if (cohort.failure != null) {
                throw new SQLException(indicator.id() + ": the shared cohort " + declared.macro() + "(" + String.join(", ", literals)
                        + ") could not be built: " + cohort.failure.getMessage(), cohort.failure);
            }
            return readingFrom(connection, declared, types, literals, cohort, work);
        } finally {
            release(cohort);
        }
    }

    /**
     * Counts one reader of {@code cohort} less (the one {@link #reader} counted). A failed cohort is forgotten after its
     * last reader: the readers waiting for its build share its error, a later run builds it again (a build cancelled
     * from a notebook, or out of memory, must not fail every later run of the connection).
     */
    synchronized void release(Cohort cohort) {
        cohort.readers--;
        if (cohort.readers == 0 && cohort.failure != null) cohorts.values().remove(cohort);
    }

    /** The SQL literals of the cohort macro's arguments, in order. */
    private static List<String> literals(Indicator indicator, Map<String, Object> params) {
        Map<String, ParameterType> types = indicator.parameterTypes();
        List<String> literals = new ArrayList<>();
        for (String p : indicator.meta().cohort().parameters()) literals.add(types.get(p).sqlLiteral(params.get(p)));
        return literals;
    }

    /**
     * What tells one cohort from another: the macro, its argument values (the case range among them) and the store
     * state of the connection's database ({@link #storeState}).
     */
    static String key(Connection connection, Indicator indicator, Map<String, Object> params) throws SQLException {
        return indicator.meta().cohort().macro() + "(" + String.join(", ", literals(indicator, params))
                + ") of store state " + storeState(connection);
    }

    /** The key's cohort, counted as read; a new key's entry (not yet built) may push out an unread old one. */
    synchronized Cohort reader(String macro, String key) throws SQLException {
        Cohort cohort = cohorts.get(key);
        if (cohort == null) {
            cohort = new Cohort(macro, "_kvik_cohort_" + SERIAL.incrementAndGet());
            cohorts.put(key, cohort);
        }
        cohort.readers++;
        return cohort;
    }

    /**
     * Drops every unread cohort of {@code macro}: a batch of runs ({@link ParallelRuns}) calls it once its last
     * indicator declaring the macro is done, so a release holds a family's rows only while the family runs (issue #17:
     * the antibiotic family's rows take 0.8 GB at six scale-1 years). A cohort still being read stays; a later reader
     * builds it again.
     */
    void dropUnread(Connection connection, String macro) throws SQLException {
        List<String> dropped = new ArrayList<>();
        synchronized (this) {
            for (Iterator<Cohort> it = cohorts.values().iterator(); it.hasNext(); ) {
                Cohort c = it.next();
                if (c.readers > 0 || !c.macro.equals(macro)) continue;
                it.remove();
                dropped.add(c.table);
            }
        }
        drop(connection, dropped);
    }

    private static void drop(Connection connection, List<String> tables) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (String table : tables) st.execute("DROP TABLE IF EXISTS main." + table);
        }
    }

    /** Drops the least recently used unread cohorts beyond {@link #KEPT} (called with a connection to drop them on). */
    private void evict(Connection connection) throws SQLException {
        List<String> dropped = new ArrayList<>();
        synchronized (this) {
            int excess = cohorts.size() - KEPT;
            for (Iterator<Cohort> it = cohorts.values().iterator(); it.hasNext() && excess > 0; ) {
                Cohort c = it.next();
                if (c.readers > 0) continue;
                it.remove();
                excess--;
                dropped.add(c.table);
            }
        }
        drop(connection, dropped);
    }

    /** Builds the cohort's table from its macro with the indicator's values, bound as the indicator's statement. */
    private void build(Connection connection, SharedCohort declared, Map<String, ParameterType> types,
                       Map<String, Object> params, Cohort cohort) throws SQLException {
        String placeholders = String.join(", ", java.util.Collections.nCopies(declared.parameters().size(), "?"));
        try (PreparedStatement ps = connection.prepareStatement("CREATE TABLE main." + cohort.table + " AS SELECT * FROM "
                + declared.macro() + "(" + placeholders + ")")) {
            for (int k = 0; k < declared.parameters().size(); k++) {
                String p = declared.parameters().get(k);
                types.get(p).bind(ps, k + 1, params.get(p));
            }
            ps.execute();
            cohort.built = true;
            BUILDS.incrementAndGet();
        } catch (SQLException e) {
            cohort.failure = e;
            return;
        }
        evict(connection);
    }

    /**
     * {@code work} with a temp macro of the cohort macro's name and arguments on {@code connection} reading the
     * cohort's table, dropped after. It refuses (an error, not other rows) to be called with other values than the
     * cohort's: a statement passing the macro other values than the declared parameters' must not read this cohort.
     */
    private static <T> T readingFrom(Connection connection, SharedCohort declared, Map<String, ParameterType> types,
                                     List<String> literals, Cohort cohort, Engine.KeyedWork<T> work) throws SQLException {
        List<String> same = new ArrayList<>();
        for (int k = 0; k < literals.size(); k++) {
            String p = declared.parameters().get(k);
            same.add("CAST(" + p + " AS " + types.get(p).name() + ") IS NOT DISTINCT FROM " + literals.get(k));
        }
        String message = "'" + declared.macro() + ": called with other values than the shared cohort built for the run ("
                + String.join(", ", literals).replace("'", "''") + ")'";
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE OR REPLACE TEMP MACRO " + declared.macro() + "(" + String.join(", ", declared.parameters())
                    + ") AS TABLE SELECT * FROM main." + cohort.table + " WHERE CASE WHEN " + String.join(" AND ", same)
                    + " THEN true ELSE error(" + message + ") END");
        }
        try {
            return work.run();
        } finally {
            try (Statement st = connection.createStatement()) {
                st.execute("DROP MACRO TABLE IF EXISTS temp.main." + declared.macro());
            }
        }
    }

    /**
     * A fingerprint of what the connection's database holds beside the runs' own objects: its views' definitions (a
     * store's list the delivered files of its manifest generation), its tables' identities and sizes and its macros'
     * definitions. Another delivery, or a table or macro replaced, gives another fingerprint.
     */
    static String storeState(Connection connection) throws SQLException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT 'v ' || database_name || '.' || schema_name || '.' || view_name || ' ' || coalesce(sql, '') AS o "
                        + "FROM duckdb_views() WHERE NOT internal AND NOT temporary "
                        + "UNION ALL SELECT 't ' || database_name || '.' || schema_name || '.' || table_name || ' ' || table_oid "
                        + "|| ' ' || coalesce(estimated_size, -1) FROM duckdb_tables() WHERE NOT temporary "
                        + "AND NOT starts_with(table_name, '_kvik_') "
                        + "UNION ALL SELECT 'm ' || database_name || '.' || schema_name || '.' || function_name || ' ' "
                        + "|| coalesce(macro_definition, '') FROM duckdb_functions() "
                        + "WHERE function_type IN ('macro', 'table_macro') AND NOT internal AND database_name <> 'temp' "
                        + "ORDER BY o")) {
            while (rs.next()) {
                digest.update(rs.getString(1).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) '\n');
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}

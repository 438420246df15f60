import java.nio.file.Path;
import java.sql.*;
import no.kvik.config.KvikHome;
import no.kvik.store.Store;

/**
 * Rows, memory and build CPU of the cancer pathway cohort table (issue #17, pathfam), built as the engine builds it
 * (keyed views first on the search path) over 2019-2024. E.g. {@code KVIK_HOME=. nice -n 5 java -cp
 * engine/target/kvik.jar engine/bench/pathway-cases/CohortSize.java /work/data9/s1x6/store}.
 */
public class CohortSize {
    static long mem(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT sum(memory_usage_bytes) FROM duckdb_memory()")) { rs.next(); return rs.getLong(1); }
    }
    static long cpu() { return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime(); }
    public static void main(String[] a) throws Exception {
        KvikHome home = KvikHome.locate();
        try (Connection c = Store.open(Path.of(a[0]), home); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM duckdb_schemas() WHERE schema_name = 'kvik_keyed'")) { rs.next(); if (rs.getLong(1) > 0) st.execute("SET search_path = 'kvik_keyed,main'"); }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM npr_somatic WHERE pathway_start_date IS NOT NULL")) { rs.next(); } // warm the store's files
            long before = mem(st);
            long c0 = cpu();
            st.execute("CREATE TABLE main._kvik_cohort_size AS SELECT * FROM cancer_pathway_cohort(DATE '2019-01-01', DATE '2025-01-01')");
            System.out.printf("build %.2f process CPU s%n", (cpu() - c0) / 1e9);
            long after = mem(st);
            try (ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT cancer_pathway) FROM main._kvik_cohort_size")) { rs.next();
                System.out.printf("rows %d, types %d, memory %.1f MB (duckdb_memory delta)%n", rs.getLong(1), rs.getLong(2), (after - before) / 1e6); }
            try (ResultSet rs = st.executeQuery("SELECT estimated_size, column_count FROM duckdb_tables() WHERE table_name = '_kvik_cohort_size'")) { rs.next();
                System.out.println("estimated_size " + rs.getLong(1) + " columns " + rs.getLong(2)); }
            try (ResultSet rs = st.executeQuery("SELECT string_agg(column_name || ' ' || data_type, ', ') FROM duckdb_columns() WHERE table_name = '_kvik_cohort_size'")) { rs.next(); System.out.println(rs.getString(1)); }
        }
    }
}

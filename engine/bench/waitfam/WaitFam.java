import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.*;
import no.kvik.config.KvikHome;
import no.kvik.store.Store;

/**
 * The waiting-time families' shared cohorts (issue #17, branch waitfam), in one JVM and store connection, ROUNDS
 * interleaved rounds (after one to warm up) of: each cohort macro built into a temp table as the engine builds it
 * (its rows and DuckDB's memory for the table, by duckdb_memory() before and after), and the floors: the smallest
 * plain DuckDB queries reading the rows and columns the family needs (count and a hash of those columns) from the
 * usable views: SOMATIC, npr_somatic's starts of care with a referral or a deadline date in the range and the
 * columns the 11 indicators read (the diagnosis read, not classified); MENTAL, npr_mental's rows of a sector with a
 * unit and the columns the first-episode rank and the 9 indicators read. Prints medians of process CPU seconds.
 * E.g. {@code KVIK_HOME=. nice -n 5 java -cp engine/target/kvik.jar engine/bench/waitfam/WaitFam.java
 * /work/data9/s1x6/store 2019-01-01 2025-01-01 2}
 */
public class WaitFam {
    static long cpu() { return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime(); }
    static double med(List<Double> v) { List<Double> s = new ArrayList<>(v); Collections.sort(s); int n = s.size(); return n % 2 == 1 ? s.get(n/2) : (s.get(n/2-1)+s.get(n/2))/2; }

    public static void main(String[] a) throws Exception {
        Path store = Path.of(a[0]);
        String range = "DATE '" + a[1] + "', DATE '" + a[2] + "'";
        String from = "DATE '" + a[1] + "'", to = "DATE '" + a[2] + "'";
        int rounds = Integer.parseInt(a[3]);
        Map<String, String> work = new LinkedHashMap<>();
        work.put("somatic cohort", "CREATE OR REPLACE TEMP TABLE bench_cohort AS SELECT * FROM somatic_care_start_cohort(" + range + ")");
        work.put("somatic floor", "SELECT count(*), sum(hash(admission_time, referral_date, deadline_date, provider_org, residence_municipality, sex, age, main_diagnosis)) "
                + "FROM npr_somatic WHERE care_start AND (referral_date IS NOT NULL OR deadline_date IS NOT NULL) AND admission_time >= " + from + " AND admission_time < " + to);
        work.put("mental cohort", "CREATE OR REPLACE TEMP TABLE bench_cohort AS SELECT * FROM mental_care_start_cohort(" + range + ")");
        work.put("mental floor", "SELECT count(*), sum(hash(patient_id, provider_org, sector, referral_date, start_date, episode_id, deadline_date, residence_municipality, sex, age)) "
                + "FROM npr_mental WHERE sector IS NOT NULL AND provider_org IS NOT NULL");
        Map<String, List<Double>> times = new LinkedHashMap<>();
        try (Connection c = Store.open(store, KvikHome.locate()); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM duckdb_schemas() WHERE schema_name = 'kvik_keyed'")) {
                rs.next();
                if (rs.getLong(1) > 0) st.execute("SET search_path = 'kvik_keyed,main'");
            }
            for (int r = -1; r < rounds; r++) {
                for (Map.Entry<String, String> w : work.entrySet()) {
                    st.execute("DROP TABLE IF EXISTS bench_cohort");
                    long before = memory(st);
                    long c0 = cpu();
                    st.execute(w.getValue());
                    double s = (cpu() - c0) / 1e9;
                    if (r >= 0) times.computeIfAbsent(w.getKey(), k -> new ArrayList<>()).add(s);
                    if (r == rounds - 1 && w.getKey().endsWith("cohort")) {
                        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM bench_cohort")) {
                            rs.next();
                            System.out.printf(Locale.ROOT, "%s: %d rows, %.1f MB (duckdb_memory growth)%n", w.getKey(), rs.getLong(1), (memory(st) - before) / 1e6);
                        }
                    }
                }
            }
        }
        for (Map.Entry<String, List<Double>> e : times.entrySet())
            System.out.printf(Locale.ROOT, "%-16s %6.2f CPU s (median of %d)%n", e.getKey(), med(e.getValue()), e.getValue().size());
    }

    static long memory(Statement st) throws Exception {
        try (ResultSet rs = st.executeQuery("SELECT sum(memory_usage_bytes) FROM duckdb_memory()")) { rs.next(); return rs.getLong(1); }
    }
}

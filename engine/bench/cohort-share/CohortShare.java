import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.*;
import no.kvik.catalog.*;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.engine.*;
import no.kvik.store.Store;

/**
 * Shared cohorts (issue #17): what the OECD follow-up indicators of one cohort would save if the cohort were
 * computed once per run and shared. In one JVM and one store connection (the engine's keyed views first on the
 * search path, as the engine runs indicator SQL), ROUNDS rounds of, per indicator: its warm engine run
 * ({@code Engine.run}, no analysis), its case query materialised as the engine's case table does
 * ({@code CREATE TEMP TABLE AS SELECT * FROM oecd_follow_up_cases(...)}); then the shared cohort alone materialised
 * once, and each indicator's case query read from it. The cohort and follow-up SQL are cut by text from
 * sql/reference/table_oecd_follow_up_cases.sql, so they are the rule itself; the first round checks that the case
 * rows read from the shared cohort equal the indicator's own (EXCEPT ALL both ways). Prints medians, process CPU
 * and wall. E.g. {@code KVIK_HOME=. nice -n 5 java -cp engine/target/kvik.jar engine/bench/cohort-share/CohortShare.java
 * STORE 2023 3 OECD_AMI oecd_ami_1y_mortality oecd_ami_statin_1y ...}
 */
public class CohortShare {
    static long cpu() { return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime(); }
    static double med(List<Double> v) { List<Double> s = new ArrayList<>(v); Collections.sort(s); int n = s.size(); return n % 2 == 1 ? s.get(n/2) : (s.get(n/2-1)+s.get(n/2))/2; }
    static String lit(Object v) { return v instanceof Number ? v.toString() : "'" + String.valueOf(v).replace("'", "''") + "'"; }
    static long count(Statement st, String sql) throws Exception { try (ResultSet rs = st.executeQuery(sql)) { rs.next(); return rs.getLong(1); } }

    public static void main(String[] a) throws Exception {
        Path store = Path.of(a[0]); int year = Integer.parseInt(a[1]); int rounds = Integer.parseInt(a[2]); String diagnosisSet = a[3];
        List<String> ids = Arrays.asList(a).subList(4, a.length);
        KvikHome home = KvikHome.locate();
        Catalogue cat = Catalogue.loadOnly(home.indicators(), Contracts.load(home.contracts()), ids);
        LocalDate from = LocalDate.of(year, 1, 1), to = LocalDate.of(year + 1, 1, 1);
        RunRequest req = RunRequest.between(from, to);
        String macro = Files.readString(home.root().resolve("sql/reference/table_oecd_follow_up_cases.sql"));
        int withAt = macro.indexOf("WITH stays AS ("), cohortAt = macro.indexOf("), cohort AS ("), wantedAt = macro.indexOf("), wanted_sets AS (");
        if (withAt < 0 || cohortAt < 0 || wantedAt < 0) throw new IllegalStateException("the macro's CTEs moved: update this bench");
        String staysBody = macro.substring(withAt, cohortAt + 1);
        // the cohort alone: the macro's stays CTE and its rank-1 filter, without the outcome's window
        String cohortMacro = "CREATE OR REPLACE TEMP MACRO oecd_shared_cohort(diagnosis_set, period_start, period_end, min_age) AS TABLE\n"
                + staysBody + "\nSELECT s.* EXCLUDE (stay_rank), CAST(s.discharge_time AS DATE) AS discharge_date FROM stays s WHERE s.stay_rank = 1";
        // the follow-up read from the shared cohort table by name: the macro's text from wanted_sets on
        String followUpMacro = "CREATE OR REPLACE TEMP MACRO oecd_follow_up_from_shared(outcome, atc_sets, window_days) AS TABLE\n"
                + "WITH cohort AS (SELECT c.*, c.discharge_date + CAST(window_days AS INTEGER) AS window_end FROM shared_cohort c\n"
                + macro.substring(wantedAt);
        try (Connection c = Store.open(store, home); Statement st = c.createStatement()) {
            Engine engine = new Engine(c);
            st.execute(cohortMacro);
            boolean keyed = count(st, "SELECT count(*) FROM duckdb_schemas() WHERE schema_name = 'kvik_keyed'") > 0;
            Map<String, Map<String, Object>> params = new LinkedHashMap<>();
            for (String id : ids) {
                Map<String, Object> p = cat.get(id).parameterValues(Map.of());
                if (!diagnosisSet.equals(p.get("diagnosis_set"))) throw new IllegalArgumentException(id + " is not of cohort " + diagnosisSet);
                params.put(id, p);
                engine.run(cat.get(id), req); // warm-up
            }
            int minAge = ((Number) params.get(ids.get(0)).get("min_age")).intValue();
            Map<String, List<Double>> engineCpu = new LinkedHashMap<>(), ownCpu = new LinkedHashMap<>(), sharedCpu = new LinkedHashMap<>(),
                    engineWall = new LinkedHashMap<>(), ownWall = new LinkedHashMap<>(), sharedWall = new LinkedHashMap<>();
            List<Double> cohortCpu = new ArrayList<>(), cohortWall = new ArrayList<>();
            long cohortRows = 0, cohortBytes = 0;
            for (int r = 0; r < rounds; r++) {
                for (String id : ids) {
                    long c0 = cpu(), w0 = System.nanoTime();
                    engine.run(cat.get(id), req);
                    engineCpu.computeIfAbsent(id, k -> new ArrayList<>()).add((cpu() - c0) / 1e9);
                    engineWall.computeIfAbsent(id, k -> new ArrayList<>()).add((System.nanoTime() - w0) / 1e9);
                }
                if (keyed) st.execute("SET search_path = 'kvik_keyed,main'");
                for (String id : ids) {
                    Map<String, Object> p = params.get(id);
                    long c0 = cpu(), w0 = System.nanoTime();
                    st.execute("CREATE OR REPLACE TEMP TABLE own_cases AS SELECT * FROM oecd_follow_up_cases(" + lit(p.get("outcome")) + ", "
                            + lit(diagnosisSet) + ", " + lit(p.get("atc_sets")) + ", DATE '" + from + "', DATE '" + to + "', "
                            + p.get("window_days") + ", " + minAge + ")");
                    ownCpu.computeIfAbsent(id, k -> new ArrayList<>()).add((cpu() - c0) / 1e9);
                    ownWall.computeIfAbsent(id, k -> new ArrayList<>()).add((System.nanoTime() - w0) / 1e9);
                    if (r == 0) st.execute("CREATE OR REPLACE TEMP TABLE own_" + id + " AS SELECT * FROM own_cases");
                }
                st.execute("DROP TABLE IF EXISTS own_cases");
                long before = count(st, "SELECT coalesce(sum(memory_usage_bytes), 0) FROM duckdb_memory()");
                long c0 = cpu(), w0 = System.nanoTime();
                st.execute("CREATE OR REPLACE TEMP TABLE shared_cohort AS SELECT * FROM oecd_shared_cohort(" + lit(diagnosisSet)
                        + ", DATE '" + from + "', DATE '" + to + "', " + minAge + ")");
                cohortCpu.add((cpu() - c0) / 1e9); cohortWall.add((System.nanoTime() - w0) / 1e9);
                cohortBytes = count(st, "SELECT coalesce(sum(memory_usage_bytes), 0) FROM duckdb_memory()") - before;
                cohortRows = count(st, "SELECT count(*) FROM shared_cohort");
                st.execute(followUpMacro); // a table macro binds the tables it reads when it is created
                for (String id : ids) {
                    Map<String, Object> p = params.get(id);
                    long c1 = cpu(), w1 = System.nanoTime();
                    st.execute("CREATE OR REPLACE TEMP TABLE shared_cases AS SELECT * FROM oecd_follow_up_from_shared(" + lit(p.get("outcome")) + ", "
                            + lit(p.get("atc_sets")) + ", " + p.get("window_days") + ")");
                    sharedCpu.computeIfAbsent(id, k -> new ArrayList<>()).add((cpu() - c1) / 1e9);
                    sharedWall.computeIfAbsent(id, k -> new ArrayList<>()).add((System.nanoTime() - w1) / 1e9);
                    if (r == 0) {
                        long diff = count(st, "SELECT count(*) FROM (SELECT * FROM own_" + id + " EXCEPT ALL SELECT * FROM shared_cases)")
                                + count(st, "SELECT count(*) FROM (SELECT * FROM shared_cases EXCEPT ALL SELECT * FROM own_" + id + ")");
                        long rows = count(st, "SELECT count(*) FROM shared_cases");
                        System.out.printf(Locale.ROOT, "cohort-share check %s: %d case rows, %d rows differ from its own query%n", id, rows, diff);
                        if (diff != 0) throw new IllegalStateException(id + ": the shared cohort gives other case rows");
                        st.execute("DROP TABLE own_" + id);
                    }
                }
                st.execute("DROP TABLE IF EXISTS shared_cases");
                st.execute("DROP TABLE IF EXISTS shared_cohort");
                st.execute("RESET search_path");
            }
            double sumEngine = 0, sumOwn = 0, sumShared = 0;
            for (String id : ids) {
                System.out.printf(Locale.ROOT, "cohort-share %s: engine run cpu %.2f s wall %.2f | own case query cpu %.2f wall %.2f | from shared cohort cpu %.2f wall %.2f (medians of %d)%n",
                        id, med(engineCpu.get(id)), med(engineWall.get(id)), med(ownCpu.get(id)), med(ownWall.get(id)),
                        med(sharedCpu.get(id)), med(sharedWall.get(id)), rounds);
                sumEngine += med(engineCpu.get(id)); sumOwn += med(ownCpu.get(id)); sumShared += med(sharedCpu.get(id));
            }
            System.out.printf(Locale.ROOT, "cohort-share %s cohort alone: cpu %.2f s wall %.2f, %d rows, %.1f MB in DuckDB's memory (medians of %d)%n",
                    diagnosisSet, med(cohortCpu), med(cohortWall), cohortRows, cohortBytes / 1e6, rounds);
            System.out.printf(Locale.ROOT, "cohort-share %s, %d indicators, process CPU: engine runs %.2f s; own case queries %.2f s; shared cohort once + follow-ups %.2f + %.2f = %.2f s (keyed views %b)%n",
                    diagnosisSet, ids.size(), sumEngine, sumOwn, med(cohortCpu), sumShared, med(cohortCpu) + sumShared, keyed);
        }
    }
}

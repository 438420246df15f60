import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
 * All-cause 30-day survival and the cancer pathway indicators at release shape (issue #17, branch cancerpath): per
 * indicator, in one JVM and one store connection, ROUNDS rounds of its warm engine run ({@code Engine.run}, no
 * analysis) over the years FROM..TO at once (as a release edition runs it), and beside it its floor, the plainest
 * DuckDB query reading the rows and columns the rule needs (hashed so that every column is read). Prints medians of
 * process CPU; with a PROFILE_DIR also DuckDB's JSON profile of the statement the engine runs (the case table for a
 * risk model, else the reduction), bound through JDBC as the engine binds it ({@code ../risk-cases/profile_summary.py}
 * lists its operators by time). The SQL is KVIK_HOME's, so main's and a branch's run from one jar.
 * E.g. {@code KVIK_HOME=. nice -n 5 java -cp engine/target/kvik.jar engine/bench/pathway-cases/PathwayCases.java
 * /work/data9/s1x6/store 2019 2024 2 /tmp/profiles all_cause_30d_survival cancer_pathway_new_patients_included}
 * (PROFILE_DIR "-" for none).
 */
public class PathwayCases {
    /** As EngineRun.keepsCases: a logistic or Poisson risk model materialises the case table, else the engine reduces. */
    static boolean keepsCases(Indicator ind) {
        no.kvik.catalog.RiskModel model = no.kvik.catalog.RiskModel.of(ind.meta());
        return model != null && model.family() != no.kvik.catalog.RiskModel.Family.LINEAR;
    }
    static long cpu() { return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime(); }
    static double med(List<Double> v) { List<Double> s = new ArrayList<>(v); Collections.sort(s); int n = s.size(); return n % 2 == 1 ? s.get(n/2) : (s.get(n/2-1)+s.get(n/2))/2; }

    /** The plain scan of the rows and columns the indicator's rule needs for cases in [from, to). */
    static String floorSql(Indicator ind, LocalDate from, LocalDate to) {
        String f = "DATE '" + from + "'", t = "DATE '" + to + "'";
        String id = ind.id();
        if (id.equals("all_cause_30d_survival"))
            // the range's inpatient stays (a day either side for pathways across its ends) with every column read, and the deaths
            return "SELECT count(*), sum(hash(patient_id, episode_id, admission_time, discharge_time, discharge_status, provider_org, "
                    + "residence_municipality, sex, age, urgency, main_diagnosis, secondary_diagnoses)), (SELECT sum(hash(patient_id, death_date)) FROM death)"
                    + " FROM npr_somatic WHERE care_level = '1' AND admission_time >= " + f + " - INTERVAL 1 DAY AND admission_time < " + t + " + INTERVAL 1 DAY";
        if (id.equals("cancer_pathway_new_patients_included"))
            // the episodes with a C main diagnosis from the look-back on (the columns the output keeps) and the pathway starts
            return "SELECT count(*), sum(hash(patient_id, episode_id, admission_time, provider_org, residence_municipality, main_diagnosis)), "
                    + "(SELECT sum(hash(patient_id, pathway_start_date)) FROM npr_somatic WHERE cancer_pathway IS NOT NULL "
                    + "AND pathway_start_date IS NOT NULL AND admission_time >= " + f + " - INTERVAL 60 DAY)"
                    + " FROM npr_somatic WHERE main_diagnosis LIKE 'C%' AND admission_time >= " + f + " - INTERVAL 365 DAY AND admission_time < " + t;
        if (id.startsWith("cancer_pathway_")) {
            // every year's episodes with a pathway start and treatment (a pathway may begin in any earlier year) of the type
            Object type = ind.parameterValues(Map.of()).get("cancer_pathway");
            return "SELECT count(*), sum(hash(patient_id, cancer_pathway, pathway_start_date, pathway_treatment_date, admission_time, episode_id, "
                    + "provider_org, residence_municipality)) FROM npr_somatic WHERE pathway_start_date IS NOT NULL AND pathway_treatment_date IS NOT NULL"
                    + (type == null ? "" : " AND cancer_pathway = '" + type + "'");
        }
        return null;
    }

    public static void main(String[] a) throws Exception {
        Path store = Path.of(a[0]); int fromYear = Integer.parseInt(a[1]), toYear = Integer.parseInt(a[2]); int rounds = Integer.parseInt(a[3]);
        Path profiles = a[4].equals("-") ? null : Path.of(a[4]);
        List<String> ids = Arrays.asList(a).subList(5, a.length);
        KvikHome home = KvikHome.locate();
        Catalogue cat = Catalogue.loadOnly(home.indicators(), Contracts.load(home.contracts()), ids);
        LocalDate from = LocalDate.of(fromYear, 1, 1), to = LocalDate.of(toYear + 1, 1, 1);
        RunRequest req = RunRequest.between(from, to);
        if (profiles != null) Files.createDirectories(profiles);
        try (Connection c = Store.open(store, home); Statement st = c.createStatement()) {
            Engine engine = new Engine(c);
            boolean keyed;
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM duckdb_schemas() WHERE schema_name = 'kvik_keyed'")) { rs.next(); keyed = rs.getLong(1) > 0; }
            Map<String, List<Double>> engCpu = new LinkedHashMap<>(), floorCpu = new LinkedHashMap<>(), engWall = new LinkedHashMap<>();
            if (rounds > 0) for (String id : ids) engine.run(cat.get(id), req); // warm-up
            for (int r = 0; r < rounds; r++) {
                for (String id : ids) {
                    Indicator ind = cat.get(id);
                    long c0 = cpu(), w0 = System.nanoTime();
                    engine.run(ind, req);
                    engCpu.computeIfAbsent(id, k -> new ArrayList<>()).add((cpu() - c0) / 1e9);
                    engWall.computeIfAbsent(id, k -> new ArrayList<>()).add((System.nanoTime() - w0) / 1e9);
                    if (keyed) st.execute("SET search_path = 'kvik_keyed,main'");
                    String floor = floorSql(ind, from, to);
                    long c2 = cpu();
                    if (floor != null) try (ResultSet rs = st.executeQuery(floor)) { rs.next(); }
                    floorCpu.computeIfAbsent(id, k -> new ArrayList<>()).add(floor == null ? Double.NaN : (cpu() - c2) / 1e9);
                    st.execute("RESET search_path");
                }
            }
            if (profiles != null) {
                for (String id : ids) {
                    Indicator ind = cat.get(id);
                    Map<String, Object> p = new HashMap<>(ind.parameterValues(Map.of()));
                    p.put(Indicator.PERIOD_START, from); p.put(Indicator.PERIOD_END, to);
                    if (keyed) st.execute("SET search_path = 'kvik_keyed,main'");
                    // the statement the engine runs: the case table for a risk model, else the reduction
                    String body = keepsCases(ind)
                            ? "SELECT * FROM (\n" + ind.sql().jdbcText() + "\n) AS indicator_query"
                            : Engine.reducedSql(ind.sql().jdbcText(), false);
                    no.kvik.sql.SqlTemplate profiled = new no.kvik.sql.SqlTemplate(ind.sql().text(),
                            "CREATE OR REPLACE TEMP TABLE bench_profiled AS " + body, ind.sql().occurrences());
                    try (PreparedStatement ps = profiled.prepare(c, p, ind.parameterTypes())) {
                        st.execute("SET enable_profiling = 'json'");
                        st.execute("SET profiling_output = '" + profiles.resolve(id + ".json") + "'");
                        ps.execute();
                        st.execute("PRAGMA disable_profiling");
                    }
                    st.execute("DROP TABLE IF EXISTS bench_profiled");
                    st.execute("RESET search_path");
                }
            }
            if (rounds == 0) return;
            System.out.printf(Locale.ROOT, "%-52s %9s %9s %9s %9s%n", "indicator", "engine", "floor", "eng/fl", "engwall");
            for (String id : ids)
                System.out.printf(Locale.ROOT, "%-52s %9.2f %9.2f %9.2f %9.2f%n", id, med(engCpu.get(id)),
                        med(floorCpu.get(id)), med(engCpu.get(id)) / med(floorCpu.get(id)), med(engWall.get(id)));
            System.out.printf("(process CPU s, medians of %d rounds; %d-%d; keyed views %b)%n", rounds, fromYear, toYear, keyed);
        }
    }
}

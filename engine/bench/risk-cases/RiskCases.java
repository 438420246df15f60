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
 * The risk-model case queries (issue #17, branch riskcases): per indicator, in one JVM and one store connection,
 * ROUNDS rounds of its warm engine run ({@code Engine.run}, no analysis), its case table as the engine makes it
 * ({@code Engine.createCaseTable}: the indicator query with JDBC-bound parameters under the keyed views) and its
 * floor, the smallest plain DuckDB query that reads the rows the rule needs (the source's rows of the years it
 * needs, with the columns it reads, hashed so that every column is read). Prints medians of process CPU and wall;
 * with a PROFILE_DIR it also writes DuckDB's JSON profile of each case table's statement (ID.json), bound as the
 * engine binds it; {@code profile_summary.py} lists its operators by time.
 * E.g. {@code KVIK_HOME=. nice -n 5 java -cp engine/target/kvik.jar engine/bench/risk-cases/RiskCases.java
 * STORE 2023 3 /tmp/profiles all_cause_30d_survival ami_30d_survival ...} (PROFILE_DIR "-" for none).
 */
public class RiskCases {
    static long cpu() { return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime(); }
    static double med(List<Double> v) { List<Double> s = new ArrayList<>(v); Collections.sort(s); int n = s.size(); return n % 2 == 1 ? s.get(n/2) : (s.get(n/2-1)+s.get(n/2))/2; }

    static final String SOMATIC_COLUMNS = "hash(patient_id, episode_id, admission_time, discharge_time, discharge_status, provider_org, "
            + "residence_municipality, sex, age, urgency, main_diagnosis, secondary_diagnoses)";

    /** The plain scan of the rows and columns the indicator's rule needs for cases in [from, to); null where none is defined. */
    static String floorSql(Indicator ind, LocalDate from, LocalDate to) {
        String sql = ind.sql().text();
        String f = "DATE '" + from + "'", t = "DATE '" + to + "'";
        if (sql.contains("cancer_registry"))
            return "SELECT count(*), sum(hash(patient_id, case_id, icd10, sex, age, diagnosis_date, basis, vital_status, status_date, residence_municipality)) "
                    + "FROM cancer_registry WHERE diagnosis_date < " + t;
        String deaths = "(SELECT sum(hash(patient_id, death_date)) FROM death)";
        if (sql.contains("readmission_67_cases"))
            return "SELECT count(*), sum(" + SOMATIC_COLUMNS + "), " + deaths.replace("death_date)) FROM death", "death_date)) FROM death WHERE false")
                    + " FROM npr_somatic WHERE care_level = '1' AND admission_time < " + t + " + INTERVAL 31 DAY AND discharge_time >= " + f;
        if (sql.contains("survival_cases"))
            return "SELECT count(*), sum(" + SOMATIC_COLUMNS + "), " + deaths
                    + " FROM npr_somatic WHERE care_level = '1' AND admission_time >= " + f + " - INTERVAL 365 DAY AND admission_time < " + t;
        if (sql.contains("oecd_linked_mortality_cases") || sql.contains("oecd_in_hospital_mortality_cases") || sql.contains("hip_fracture_surgery_cases"))
            return "SELECT count(*), sum(" + SOMATIC_COLUMNS + "), " + deaths
                    + " FROM npr_somatic WHERE care_level IN ('1', '2') AND admission_time >= " + f + " AND admission_time < " + t;
        if (!sql.contains("pathway_gap_hours")) return null; // no floor defined here (e.g. the survey indicators)
        // all-cause survival: the year's inpatient stays (and a day either side for pathways across its ends) and the deaths
        return "SELECT count(*), sum(" + SOMATIC_COLUMNS + "), " + deaths
                + " FROM npr_somatic WHERE care_level = '1' AND admission_time >= " + f + " - INTERVAL 1 DAY AND admission_time < " + t + " + INTERVAL 1 DAY";
    }

    public static void main(String[] a) throws Exception {
        Path store = Path.of(a[0]); int year = Integer.parseInt(a[1]); int rounds = Integer.parseInt(a[2]);
        Path profiles = a[3].equals("-") ? null : Path.of(a[3]);
        List<String> ids = Arrays.asList(a).subList(4, a.length);
        KvikHome home = KvikHome.locate();
        Catalogue cat = Catalogue.loadOnly(home.indicators(), Contracts.load(home.contracts()), ids);
        LocalDate from = LocalDate.of(year, 1, 1), to = LocalDate.of(year + 1, 1, 1);
        RunRequest req = RunRequest.between(from, to);
        if (profiles != null) Files.createDirectories(profiles);
        try (Connection c = Store.open(store, home); Statement st = c.createStatement()) {
            Engine engine = new Engine(c);
            boolean keyed;
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM duckdb_schemas() WHERE schema_name = 'kvik_keyed'")) { rs.next(); keyed = rs.getLong(1) > 0; }
            Map<String, List<Double>> engCpu = new LinkedHashMap<>(), caseCpu = new LinkedHashMap<>(), floorCpu = new LinkedHashMap<>(), caseWall = new LinkedHashMap<>();
            Map<String, Long> caseRows = new LinkedHashMap<>();
            if (rounds > 0) for (String id : ids) { engine.run(cat.get(id), req); engine.createCaseTable(cat.get(id), req, "bench_cases"); } // warm-up
            for (int r = 0; r < rounds; r++) {
                for (String id : ids) {
                    Indicator ind = cat.get(id);
                    long c0 = cpu();
                    engine.run(ind, req);
                    engCpu.computeIfAbsent(id, k -> new ArrayList<>()).add((cpu() - c0) / 1e9);
                    long c1 = cpu(), w1 = System.nanoTime();
                    caseRows.put(id, engine.createCaseTable(ind, req, "bench_cases"));
                    caseCpu.computeIfAbsent(id, k -> new ArrayList<>()).add((cpu() - c1) / 1e9);
                    caseWall.computeIfAbsent(id, k -> new ArrayList<>()).add((System.nanoTime() - w1) / 1e9);
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
                    // DuckDB's JSON profile of the case table's statement, bound as the engine binds it
                    no.kvik.sql.SqlTemplate profiled = new no.kvik.sql.SqlTemplate(ind.sql().text(),
                            "CREATE OR REPLACE TEMP TABLE bench_profiled AS SELECT * FROM (\n" + ind.sql().jdbcText() + "\n) AS indicator_query",
                            ind.sql().occurrences());
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
            System.out.printf(Locale.ROOT, "%-52s %9s %9s %9s %9s %8s %9s%n", "indicator", "engine", "cases", "floor", "cases/fl", "casewall", "rows");
            for (String id : ids)
                System.out.printf(Locale.ROOT, "%-52s %9.2f %9.2f %9.2f %9.2f %8.2f %9d%n", id, med(engCpu.get(id)), med(caseCpu.get(id)),
                        med(floorCpu.get(id)), med(caseCpu.get(id)) / med(floorCpu.get(id)), med(caseWall.get(id)), caseRows.get(id));
            System.out.printf("(process CPU s, medians of %d rounds; year %d; keyed views %b)%n", rounds, year, keyed);
        }
    }
}

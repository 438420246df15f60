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
 * The call-answer, ambulance, AMK and NPR data-quality case queries (issue #17, branch callsdq), after
 * {@code engine/bench/risk-cases}: per indicator, in one JVM and one store connection, ROUNDS rounds of its warm engine
 * run ({@code Engine.run}, no analysis), its case table as the engine makes it ({@code Engine.createCaseTable}:
 * JDBC-bound parameters, keyed views) and a floor, the plainest DuckDB query reading the rows and columns the rule
 * needs, over a span of years (the release's shape: 2019-2024). PROFILE_DIR as in risk-cases.
 * E.g. {@code KVIK_HOME=. nice -n 5 java -cp engine/target/kvik.jar engine/bench/callsdq-cases/CallsDqCases.java
 * /work/data9/s1x6/store 2019-2024 2 - call_116117_answer_median dq_valid_main_diagnosis_share ...}
 */
public class CallsDqCases {
    static long cpu() { return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime(); }
    static double med(List<Double> v) { List<Double> s = new ArrayList<>(v); Collections.sort(s); int n = s.size(); return n % 2 == 1 ? s.get(n/2) : (s.get(n/2-1)+s.get(n/2))/2; }

    /** The plain scan of the rows and columns the indicator's rule needs for cases in [from, to); null where none is defined. */
    static String floorSql(Indicator ind, LocalDate from, LocalDate to) {
        String sql = ind.sql().text();
        Map<String, Object> p = ind.parameterValues(Map.of());
        String f = "DATE '" + from + "'", t = "DATE '" + to + "'";
        if (sql.contains("call_answer_cases"))
            return "SELECT count(*), sum(hash(call_time, municipality, central_id, answer_time)) FROM amk_call WHERE line = '"
                    + p.get("phone_line") + "' AND call_time >= " + f + " AND call_time < " + t;
        if (sql.contains("ambulance_response_cases"))
            return "SELECT count(*), sum(hash(call_time, municipality, central_id, arrival_time)) FROM amk_call WHERE line = '113' AND urgency = 'A' "
                    + "AND ambulance_dispatched AND arrival_time IS NOT NULL AND area_type = '" + p.get("area_kind") + "' AND call_time >= " + f + " AND call_time < " + t;
        if (sql.contains("FROM amk_mission"))
            return "SELECT count(*), sum(hash(received_time, municipality, central_id, dispatch_time)) FROM amk_mission WHERE urgency = '"
                    + p.get("urgency") + "' AND NOT urgency_changed AND dispatch_time IS NOT NULL AND received_time >= " + f + " AND received_time < " + t;
        if (sql.contains("checked_fields"))
            return "SELECT count(*), sum(hash(discharge_time, admission_time, provider_org, main_diagnosis, procedures, residence_municipality, _errors)) "
                    + "FROM npr_somatic_all WHERE coalesce(discharge_time, admission_time) >= " + f + " AND coalesce(discharge_time, admission_time) < " + t;
        if (sql.contains("tertials_within") && sql.contains("$registry"))
            return "SELECT count(*), sum(hash(provider_org, discharge_time, admission_time)) FROM npr_somatic_all";
        if (sql.contains("ingest_files"))
            return "SELECT (SELECT sum(hash(_source_file, provider_org, discharge_time, admission_time)) FROM npr_somatic_all), "
                    + "(SELECT sum(hash(_source_file, provider_org, start_date)) FROM npr_mental_all)";
        return null;
    }

    public static void main(String[] a) throws Exception {
        Path store = Path.of(a[0]); String[] span = a[1].split("-"); int year = Integer.parseInt(span[0]); int lastYear = Integer.parseInt(span[span.length - 1]); int rounds = Integer.parseInt(a[2]);
        Path profiles = a[3].equals("-") ? null : Path.of(a[3]);
        List<String> ids = Arrays.asList(a).subList(4, a.length);
        KvikHome home = KvikHome.locate();
        Catalogue cat = Catalogue.loadOnly(home.indicators(), Contracts.load(home.contracts()), ids);
        LocalDate from = LocalDate.of(year, 1, 1), to = LocalDate.of(lastYear + 1, 1, 1);
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
            System.out.printf("(process CPU s, medians of %d rounds; %s to %s; keyed views %b)%n", rounds, from, to, keyed);
        }
    }
}

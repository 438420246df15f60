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
 * The dispensing and GP contact indicators at release shape (issue #17, branch dispensing): per indicator, in one JVM
 * and one store connection, ROUNDS rounds of its warm engine run ({@code Engine.run}, no analysis), its case table as
 * the engine makes it ({@code Engine.createCaseTable}: JDBC-bound parameters, keyed views) and its scan floor, the
 * plainest DuckDB query that reads the rows and columns the rule needs in [FROM, TO) (every column read hashed).
 * Prints medians of process CPU; with a PROFILE_DIR also DuckDB's JSON profile of each case table's statement, bound as
 * the engine binds it (list its operators with {@code engine/bench/risk-cases/profile_summary.py}). KVIK_HOME chooses
 * the SQL, so main's and a branch's SQL run on one jar. E.g. {@code KVIK_HOME=. nice -n 5 java -cp
 * engine/target/kvik.jar engine/bench/dispensing/Dispensing.java STORE 2019-01-01 2025-01-01 3 - antibiotic_users_share}
 */
public class Dispensing {
    static long cpu() { return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime(); }
    static double med(List<Double> v) { List<Double> s = new ArrayList<>(v); Collections.sort(s); int n = s.size(); return n % 2 == 1 ? s.get(n/2) : (s.get(n/2-1)+s.get(n/2))/2; }

    /** The plain scan of the rows and columns the indicator's rule reads for cases in [from, to). */
    static String floorSql(Indicator ind, LocalDate from, LocalDate to) {
        String sql = ind.sql().text();
        String range = " >= DATE '" + from + "' AND %s < DATE '" + to + "'";
        String population = "(SELECT sum(hash(year, municipality, sex, age, persons)) FROM population WHERE make_date(year, 1, 1)"
                + range.formatted("make_date(year, 1, 1)") + ")";
        if (sql.contains("kpr_gp_contact"))
            return "SELECT count(*), sum(hash(contact_date, municipality, sex, age" + (sql.contains("own_gp") ? ", own_gp" : "") + ")), "
                    + (sql.contains("population_cells") ? population : "0")
                    + " FROM kpr_gp_contact WHERE contact_date" + range.formatted("contact_date");
        String columns = sql.contains("first_dispensing_per_year") ? "patient_id, dispensing_id, dispensing_date, atc, residence_municipality, sex, age"
                : sql.contains("prescriber_category") ? "patient_id, dispensing_id, dispensing_date, atc, residence_municipality, sex, age, prescriber_category, ddd"
                : "dispensing_date, atc, residence_municipality, sex, age";
        return "SELECT count(*), sum(hash(" + columns + ")), " + (sql.contains("dispensing_share_cases(") ? "0" : population)
                + " FROM prescription WHERE dispensing_date" + range.formatted("dispensing_date");
    }

    public static void main(String[] a) throws Exception {
        Path store = Path.of(a[0]); LocalDate from = LocalDate.parse(a[1]), to = LocalDate.parse(a[2]);
        int rounds = Integer.parseInt(a[3]);
        Path profiles = a[4].equals("-") ? null : Path.of(a[4]);
        List<String> ids = Arrays.asList(a).subList(5, a.length);
        KvikHome home = KvikHome.locate();
        Catalogue cat = Catalogue.loadOnly(home.indicators(), Contracts.load(home.contracts()), ids);
        RunRequest req = RunRequest.between(from, to);
        if (profiles != null) Files.createDirectories(profiles);
        try (Connection c = Store.open(store, home); Statement st = c.createStatement()) {
            st.execute("SET threads = 1"); // as a release runs its workers
            Engine engine = new Engine(c);
            boolean keyed;
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM duckdb_schemas() WHERE schema_name = 'kvik_keyed'")) { rs.next(); keyed = rs.getLong(1) > 0; }
            Map<String, List<Double>> engCpu = new LinkedHashMap<>(), caseCpu = new LinkedHashMap<>(), floorCpu = new LinkedHashMap<>();
            Map<String, Long> caseRows = new LinkedHashMap<>();
            if (rounds > 0) for (String id : ids) { engine.run(cat.get(id), req); engine.createCaseTable(cat.get(id), req, "bench_cases"); } // warm-up
            for (int r = 0; r < rounds; r++) {
                for (String id : ids) {
                    Indicator ind = cat.get(id);
                    long c0 = cpu();
                    engine.run(ind, req);
                    engCpu.computeIfAbsent(id, k -> new ArrayList<>()).add((cpu() - c0) / 1e9);
                    long c1 = cpu();
                    caseRows.put(id, engine.createCaseTable(ind, req, "bench_cases"));
                    caseCpu.computeIfAbsent(id, k -> new ArrayList<>()).add((cpu() - c1) / 1e9);
                    if (keyed) st.execute("SET search_path = 'kvik_keyed,main'");
                    long c2 = cpu();
                    try (ResultSet rs = st.executeQuery(floorSql(ind, from, to))) { rs.next(); }
                    floorCpu.computeIfAbsent(id, k -> new ArrayList<>()).add((cpu() - c2) / 1e9);
                    st.execute("RESET search_path");
                }
            }
            if (profiles != null) {
                for (String id : ids) {
                    Indicator ind = cat.get(id);
                    Map<String, Object> p = new HashMap<>(ind.parameterValues(Map.of()));
                    p.put(Indicator.PERIOD_START, from); p.put(Indicator.PERIOD_END, to);
                    if (keyed) st.execute("SET search_path = 'kvik_keyed,main'");
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
            System.out.printf(Locale.ROOT, "%-46s %8s %8s %8s %9s %10s%n", "indicator", "engine", "cases", "floor", "cases/fl", "rows");
            for (String id : ids)
                System.out.printf(Locale.ROOT, "%-46s %8.2f %8.2f %8.2f %9.2f %10d%n", id, med(engCpu.get(id)), med(caseCpu.get(id)),
                        med(floorCpu.get(id)), med(caseCpu.get(id)) / med(floorCpu.get(id)), caseRows.get(id));
            System.out.printf("(process CPU s, medians of %d rounds; %s..%s; keyed views %b; DuckDB threads 1)%n", rounds, from, to, keyed);
        }
    }
}

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
 * The somatic waiting-list and discharge-letter indicators (issue #17, branch waitlist): per indicator, in one JVM
 * and store connection, ROUNDS interleaved rounds of its warm engine run ({@code Engine.run}, no analysis), its
 * reduction as the engine runs it ({@code Engine.reducedSql} over the indicator query, parameters bound through
 * JDBC, keyed views first on the search path) and two floors: SCAN, the smallest plain DuckDB query reading the rows
 * and columns the rule needs from the usable view (count and a hash of those columns; for a specialty indicator the
 * candidate rows with their diagnosis read but not classified), and AGG, the same rows grouped
 * to the reduction's month × unit cells with plain sums (what an analyst would write). Prints medians of process CPU
 * seconds. With a PROFILE_DIR, also DuckDB's JSON profile of each reduction (ID.json; summarise with
 * {@code engine/bench/risk-cases/profile_summary.py}).
 * E.g. {@code KVIK_HOME=. nice -n 5 java -cp engine/target/kvik.jar engine/bench/waitlist/WaitList.java
 * /work/data9/s1x6/store 2019-01-01 2025-01-01 3 - fristbrudd_somatic_eye waiting_time_somatic_mean ...}
 */
public class WaitList {
    static long cpu() { return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime(); }
    static double med(List<Double> v) { List<Double> s = new ArrayList<>(v); Collections.sort(s); int n = s.size(); return n % 2 == 1 ? s.get(n/2) : (s.get(n/2-1)+s.get(n/2))/2; }

    /** The rows the rule keeps (WHERE) and the columns it reads (hashed), from the usable view npr_somatic. */
    static String[] rule(Indicator ind, LocalDate from, LocalDate to) {
        String sql = ind.sql().text(), range = " AND %s >= DATE '" + from + "' AND %s < DATE '" + to + "'";
        Object spec = ind.parameterValues(Map.of()).get("specialty");
        // a specialty indicator reads the diagnosis of every candidate row: the floor reads it too, without classifying it
        String specialty = spec == null ? "" : " AND main_diagnosis IS NOT NULL";
        if (sql.contains("epicrisis_somatic_cases"))
            return new String[] {"discharge_time", "care_level = '1' AND discharge_status <> '9'" + range.formatted("discharge_time", "discharge_time")
                    + " AND NOT (upper(main_diagnosis) SIMILAR TO 'O8[0-4].*' OR upper(main_diagnosis) LIKE 'Z38%')",
                    "epicrisis_sent_time, provider_org, residence_municipality"};
        if (sql.contains("referral_date IS NOT NULL") || sql.contains("waiting_time_somatic_cases"))
            return new String[] {"admission_time", "care_start AND referral_date IS NOT NULL" + range.formatted("admission_time", "admission_time") + specialty,
                    "referral_date, provider_org, residence_municipality" + (spec == null ? "" : ", main_diagnosis")};
        return new String[] {"admission_time", "care_start AND deadline_date IS NOT NULL" + range.formatted("admission_time", "admission_time") + specialty,
                "deadline_date, provider_org, residence_municipality" + (spec == null ? "" : ", main_diagnosis")};
    }

    static String scanFloor(String[] r) {
        return "SELECT count(*), sum(hash(" + r[0] + ", " + r[2] + ")) FROM npr_somatic WHERE " + r[1];
    }

    static String aggFloor(String[] r) {
        return "SELECT count(*) FROM (SELECT date_trunc('month', " + r[0] + ") AS m, provider_org, residence_municipality, count(*), "
                + "sum(hash(" + r[2] + ") % 7) FROM npr_somatic WHERE " + r[1] + " GROUP BY ALL)";
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
            Engine engine = new Engine(c);
            boolean keyed;
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM duckdb_schemas() WHERE schema_name = 'kvik_keyed'")) { rs.next(); keyed = rs.getLong(1) > 0; }
            Map<String, List<Double>> engCpu = new LinkedHashMap<>(), redCpu = new LinkedHashMap<>(), scanCpu = new LinkedHashMap<>(), aggCpu = new LinkedHashMap<>();
            for (int r = -1; r < rounds; r++) { // round -1 warms up
                for (String id : ids) {
                    Indicator ind = cat.get(id);
                    long c0 = cpu();
                    engine.run(ind, req);
                    double eng = (cpu() - c0) / 1e9;
                    Map<String, Object> p = new HashMap<>(ind.parameterValues(Map.of()));
                    p.put(Indicator.PERIOD_START, from); p.put(Indicator.PERIOD_END, to);
                    if (keyed) st.execute("SET search_path = 'kvik_keyed,main'");
                    no.kvik.sql.SqlTemplate reduction = new no.kvik.sql.SqlTemplate(ind.sql().text(),
                            "CREATE OR REPLACE TEMP TABLE bench_reduced AS " + Engine.reducedSql(ind.sql().jdbcText(), ind.meta().measure().quantile() != null),
                            ind.sql().occurrences());
                    long c1 = cpu();
                    try (PreparedStatement ps = reduction.prepare(c, p, ind.parameterTypes())) { ps.execute(); }
                    double red = (cpu() - c1) / 1e9;
                    String[] rule = rule(ind, from, to);
                    long c2 = cpu();
                    try (ResultSet rs = st.executeQuery(scanFloor(rule))) { rs.next(); }
                    double scan = (cpu() - c2) / 1e9;
                    long c3 = cpu();
                    try (ResultSet rs = st.executeQuery(aggFloor(rule))) { rs.next(); }
                    double agg = (cpu() - c3) / 1e9;
                    if (r == rounds - 1 && profiles != null) {
                        try (PreparedStatement ps = reduction.prepare(c, p, ind.parameterTypes())) {
                            st.execute("SET enable_profiling = 'json'");
                            st.execute("SET profiling_output = '" + profiles.resolve(id + ".json") + "'");
                            ps.execute();
                            st.execute("PRAGMA disable_profiling");
                        }
                    }
                    st.execute("RESET search_path");
                    if (r < 0) continue;
                    engCpu.computeIfAbsent(id, k -> new ArrayList<>()).add(eng);
                    redCpu.computeIfAbsent(id, k -> new ArrayList<>()).add(red);
                    scanCpu.computeIfAbsent(id, k -> new ArrayList<>()).add(scan);
                    aggCpu.computeIfAbsent(id, k -> new ArrayList<>()).add(agg);
                }
            }
            System.out.printf(Locale.ROOT, "%-42s %8s %8s %8s %8s%n", "indicator", "engine", "reduce", "scanfl", "aggfl");
            for (String id : ids)
                System.out.printf(Locale.ROOT, "%-42s %8.2f %8.2f %8.2f %8.2f%n", id, med(engCpu.get(id)), med(redCpu.get(id)), med(scanCpu.get(id)), med(aggCpu.get(id)));
            System.out.printf("(process CPU s, medians of %d rounds; cases in [%s, %s); keyed views %b)%n", rounds, from, to, keyed);
        }
    }
}

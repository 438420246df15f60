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
 * The NPR data-quality indicators and somatic discharge letters (issue #17, branch dqepi), after
 * {@code engine/bench/waitlist}: per indicator, in one JVM and store connection with DuckDB at one thread (as a release
 * worker), ROUNDS interleaved rounds (after a warm-up round) of its warm engine run ({@code Engine.run}, no analysis;
 * a shared cohort is built in the warm-up and read after), its reduction as the engine runs it
 * ({@code Engine.reducedSql} over the indicator query, parameters bound through JDBC, keyed views first) and two
 * floors: SCAN, the smallest plain DuckDB query reading the rows and columns the rule needs (count and a hash of
 * those columns), and AGG, those rows grouped to the reduction's month × unit cells with plain sums. Prints medians
 * of process CPU seconds. With a PROFILE_DIR, also DuckDB's JSON profile of each reduction (ID.json).
 * E.g. {@code KVIK_HOME=. nice -n 5 java -cp engine/target/kvik.jar engine/bench/dqepi/DqEpi.java
 * /work/data9/s1x6/store 2019-01-01 2025-01-01 2 - dq_valid_main_diagnosis_share epicrisis_somatic_1d ...}
 */
public class DqEpi {
    static long cpu() { return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime(); }
    static double med(List<Double> v) { List<Double> s = new ArrayList<>(v); Collections.sort(s); int n = s.size(); return n % 2 == 1 ? s.get(n/2) : (s.get(n/2-1)+s.get(n/2))/2; }

    /** {scan floor, aggregate floor} for the indicator's rule over cases in [from, to). */
    static String[] floors(Indicator ind, LocalDate from, LocalDate to) {
        String sql = ind.sql().text(), f = "DATE '" + from + "'", t = "DATE '" + to + "'";
        Map<String, Object> p = ind.parameterValues(Map.of());
        if (sql.contains("epicrisis_somatic_cases")) {
            String where = " FROM npr_somatic WHERE care_level = '1' AND discharge_status <> '9' AND discharge_time >= " + f + " AND discharge_time < " + t
                    + " AND NOT (upper(main_diagnosis) SIMILAR TO 'O8[0-4].*' OR upper(main_diagnosis) LIKE 'Z38%')";
            return new String[] {"SELECT count(*), sum(hash(discharge_time, epicrisis_sent_time, provider_org, residence_municipality, sex, age))" + where,
                    "SELECT count(*) FROM (SELECT date_trunc('month', discharge_time) AS m, provider_org, residence_municipality, count(*), "
                            + "sum(CASE WHEN epicrisis_sent_time IS NOT NULL THEN 1 ELSE 0 END)" + where + " GROUP BY ALL)"};
        }
        if (sql.contains("checked_fields")) {
            String fields = String.join(", ", String.valueOf(p.get("checked_fields")).split(" "));
            String notNull = String.join(" AND ", Arrays.stream(String.valueOf(p.get("checked_fields")).split(" ")).map(x -> x + " IS NOT NULL").toList());
            String where = " FROM npr_somatic_all WHERE coalesce(discharge_time, admission_time) >= " + f + " AND coalesce(discharge_time, admission_time) < " + t;
            return new String[] {"SELECT count(*), sum(hash(coalesce(discharge_time, admission_time), provider_org, " + fields + ", _errors))" + where,
                    "SELECT count(*) FROM (SELECT date_trunc('month', coalesce(discharge_time, admission_time)) AS m, provider_org, count(*), "
                            + "sum(CASE WHEN _errors IS NULL AND " + notNull + " THEN 1 ELSE 0 END)" + where + " GROUP BY ALL)"};
        }
        if (sql.contains("$registry")) {
            String reg = String.valueOf(p.get("registry"));
            String d = switch (reg) { case "npr_somatic" -> "CAST(coalesce(discharge_time, admission_time) AS DATE)"; case "npr_mental" -> "start_date"; default -> "contact_date"; };
            String distinct = "SELECT count(*) FROM (SELECT DISTINCT provider_org, date_trunc('month', " + d + ") FROM " + reg + "_all)";
            return new String[] {"SELECT count(*), sum(hash(provider_org, " + d + ")) FROM " + reg + "_all", distinct};
        }
        if (sql.contains("ingest_files")) {
            return new String[] {"SELECT (SELECT sum(hash(_source_file, provider_org, coalesce(discharge_time, admission_time))) FROM npr_somatic_all), "
                    + "(SELECT sum(hash(_source_file, provider_org, start_date)) FROM npr_mental_all)",
                    "SELECT (SELECT count(*) FROM (SELECT DISTINCT _source_file, provider_org, date_trunc('month', coalesce(discharge_time, admission_time)) FROM npr_somatic_all)), "
                    + "(SELECT count(*) FROM (SELECT DISTINCT _source_file, provider_org, date_trunc('month', start_date) FROM npr_mental_all))"};
        }
        return new String[] {"SELECT 1", "SELECT 1"};
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
            st.execute("SET threads = 1");
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
                    String[] fl = floors(ind, from, to);
                    long c2 = cpu();
                    try (ResultSet rs = st.executeQuery(fl[0])) { rs.next(); }
                    double scan = (cpu() - c2) / 1e9;
                    long c3 = cpu();
                    try (ResultSet rs = st.executeQuery(fl[1])) { rs.next(); }
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
            System.out.printf("(process CPU s, medians of %d rounds; cases in [%s, %s); keyed views %b; DuckDB threads 1)%n", rounds, from, to, keyed);
        }
    }
}

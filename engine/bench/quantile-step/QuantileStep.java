import java.lang.management.ManagementFactory;
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
 * Where a quantile indicator's warm engine run goes at release shape (issue #17, branch quantile): per indicator,
 * after a warm-up, ROUNDS rounds of: the case rows alone (materialised), the reduce (materialised) without and with
 * the value lists, the whole engine run (reduce + aggregate + quantile step), and the bench floor (case rows grouped
 * into the same cells with DuckDB's quantile_cont), in process CPU s (10 ms steps; run with --threads-equivalent 1:
 * the store connection's DuckDB threads are set to 1). Prints medians. E.g. {@code KVIK_HOME=. java -cp
 * engine/target/kvik.jar engine/bench/quantile-step/QuantileStep.java STORE 2019 2024 2 call_116117_answer_median}.
 */
public class QuantileStep {
    static long cpu() { return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime(); }
    static double med(List<Double> v) { List<Double> s = new ArrayList<>(v); Collections.sort(s); int n = s.size(); return n % 2 == 1 ? s.get(n/2) : (s.get(n/2-1)+s.get(n/2))/2; }
    static long rows(EngineRun run, String sql) throws Exception {
        if (sql.startsWith("CREATE")) { try (PreparedStatement ps = run.prepareStatement(sql)) { ps.execute(); } return 0; }
        long n = 0;
        try (PreparedStatement ps = run.prepareStatement(sql); ResultSet rs = ps.executeQuery()) { while (rs.next()) n++; }
        return n;
    }
    public static void main(String[] a) throws Exception {
        Path store = Path.of(a[0]); int from = Integer.parseInt(a[1]); int to = Integer.parseInt(a[2]); int rounds = Integer.parseInt(a[3]);
        KvikHome home = KvikHome.locate();
        List<String> ids = Arrays.asList(a).subList(4, a.length);
        Catalogue cat = Catalogue.loadOnly(home.indicators(), Contracts.load(home.contracts()), ids);
        RunRequest req = RunRequest.between(LocalDate.of(from, 1, 1), LocalDate.of(to + 1, 1, 1));
        try (Connection c = Store.open(store, home)) {
            try (Statement st = c.createStatement()) { st.execute("SET threads = 1"); }
            Engine engine = new Engine(c);
            for (String id : ids) {
                Indicator ind = cat.get(id);
                String q = ind.sql().jdbcText();
                try (EngineRun run = engine.prepare(ind, req)) {
                    String cases = "CREATE OR REPLACE TEMP TABLE _qs AS " + q;
                    String noLists = "CREATE OR REPLACE TEMP TABLE _qs AS " + Engine.reducedSql(q, false);
                    String lists = "CREATE OR REPLACE TEMP TABLE _qs AS " + Engine.reducedSql(q, true);
                    String floor = run.floorSql();
                    engine.run(ind, req); rows(run, floor);
                    Map<String, List<Double>> t = new LinkedHashMap<>();
                    for (int k = 0; k < rounds; k++) {
                        long c0 = cpu(); rows(run, cases);
                        long c1 = cpu(); rows(run, noLists);
                        long c2 = cpu(); rows(run, lists);
                        long c3 = cpu(); engine.run(ind, req);
                        long c4 = cpu(); rows(run, floor);
                        long c5 = cpu();
                        t.computeIfAbsent("cases", x -> new ArrayList<>()).add((c1 - c0) / 1e9);
                        t.computeIfAbsent("reduce_sums", x -> new ArrayList<>()).add((c2 - c1) / 1e9);
                        t.computeIfAbsent("reduce_lists", x -> new ArrayList<>()).add((c3 - c2) / 1e9);
                        t.computeIfAbsent("engine_run", x -> new ArrayList<>()).add((c4 - c3) / 1e9);
                        t.computeIfAbsent("floor", x -> new ArrayList<>()).add((c5 - c4) / 1e9);
                    }
                    StringBuilder sb = new StringBuilder("quantile-step " + id + ":");
                    t.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s=%.2f", k, med(v))));
                    sb.append(String.format(Locale.ROOT, " (process CPU s, medians of %d; load %.1f)", rounds,
                            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
                    System.out.println(sb);
                }
            }
        }
    }
}

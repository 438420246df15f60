import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.*;
import no.kvik.catalog.*;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.engine.*;
import no.kvik.store.Store;

/**
 * A quantile indicator's warm engine run beside its bench floor (issue #17, qfloor), in process CPU and wall: per
 * indicator, after a warm-up, ROUNDS interleaved rounds of the engine run of one calendar year, the floor
 * ({@link EngineRun#floorSql}: the case rows grouped into the same cells with DuckDB's quantile_cont) and the old
 * floor without the quantile (the reduced sums alone); prints medians and the median of the per-round ratios. E.g.
 * {@code KVIK_HOME=. java -cp engine/target/kvik.jar engine/bench/quantile-floor/QuantileFloor.java STORE 2024 5
 * waiting_time_somatic_median call_116117_answer_median}. CPU time is counted in 10 ms steps on Linux.
 */
public class QuantileFloor {
    static long cpu() { return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime(); }
    static double med(List<Double> v) { List<Double> s = new ArrayList<>(v); Collections.sort(s); int n = s.size(); return n % 2 == 1 ? s.get(n/2) : (s.get(n/2-1)+s.get(n/2))/2; }
    static long rows(EngineRun run, String sql) throws Exception {
        long n = 0;
        try (PreparedStatement ps = run.prepareStatement(sql); ResultSet rs = ps.executeQuery()) { while (rs.next()) n++; }
        return n;
    }
    public static void main(String[] a) throws Exception {
        Path store = Path.of(a[0]); int year = Integer.parseInt(a[1]); int rounds = Integer.parseInt(a[2]);
        KvikHome home = KvikHome.locate();
        List<String> ids = Arrays.asList(a).subList(3, a.length);
        Catalogue cat = Catalogue.loadOnly(home.indicators(), Contracts.load(home.contracts()), ids);
        RunRequest req = RunRequest.between(LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1));
        try (Connection c = Store.open(store, home)) {
            Engine engine = new Engine(c);
            for (String id : ids) {
                Indicator ind = cat.get(id);
                try (EngineRun run = engine.prepare(ind, req)) {
                    String floor = run.floorSql();
                    String sumsOnly = "WITH _kvik_floor AS (" + Engine.reducedSql(ind.sql().jdbcText(), false) + "), "
                            + run.aggregateSql("_kvik_floor").substring("WITH ".length());
                    engine.run(ind, req); rows(run, floor); rows(run, sumsOnly);
                    List<Double> ec = new ArrayList<>(), fc = new ArrayList<>(), oc = new ArrayList<>();
                    List<Double> ew = new ArrayList<>(), fw = new ArrayList<>(), ow = new ArrayList<>(), ratio = new ArrayList<>();
                    for (int k = 0; k < rounds; k++) {
                        long c0 = cpu(), w0 = System.nanoTime();
                        engine.run(ind, req);
                        long c1 = cpu(), w1 = System.nanoTime();
                        rows(run, floor);
                        long c2 = cpu(), w2 = System.nanoTime();
                        rows(run, sumsOnly);
                        long c3 = cpu(), w3 = System.nanoTime();
                        ec.add((c1-c0)/1e9); fc.add((c2-c1)/1e9); oc.add((c3-c2)/1e9);
                        ew.add((w1-w0)/1e9); fw.add((w2-w1)/1e9); ow.add((w3-w2)/1e9);
                        ratio.add((double) (c1-c0) / (c2-c1));
                    }
                    System.out.printf(Locale.ROOT, "quantile-floor %s: engine cpu %.2f s wall %.2f | floor (quantile_cont) cpu %.2f wall %.2f "
                            + "| old floor (sums only) cpu %.2f wall %.2f | engine / floor by cpu %.2f (median of %d per-round ratios); load %.1f%n",
                        id, med(ec), med(ew), med(fc), med(fw), med(oc), med(ow), med(ratio), rounds,
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                }
            }
        }
    }
}

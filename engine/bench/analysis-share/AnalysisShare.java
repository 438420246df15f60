import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.*;
import no.kvik.analysis.Analysis;
import no.kvik.catalog.*;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.engine.*;
import no.kvik.store.Store;

/**
 * What the analysis adds to the engine run (issue #17), in process CPU: per indicator, after a warm-up, ROUNDS
 * alternating warm engine runs and analysed runs of one calendar year in this JVM; prints medians and the median of
 * the per-round ratios. Run with the jar of the build to measure (one JVM per build), e.g.
 * {@code KVIK_HOME=. java -Dkvik.timings=true -cp engine/target/kvik.jar engine/bench/analysis-share/AnalysisShare.java
 * STORE 2023 15 ami_30d_survival readmission_67_30d}. CPU time is counted in 10 ms steps on Linux: use many rounds.
 */
public class AnalysisShare {
    static long cpu() { return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime(); }
    static double med(List<Double> v) { List<Double> s = new ArrayList<>(v); Collections.sort(s); int n = s.size(); return n % 2 == 1 ? s.get(n/2) : (s.get(n/2-1)+s.get(n/2))/2; }
    public static void main(String[] a) throws Exception {
        Path store = Path.of(a[0]); int year = Integer.parseInt(a[1]); int rounds = Integer.parseInt(a[2]);
        KvikHome home = KvikHome.locate();
        Contracts contracts = Contracts.load(home.contracts());
        List<String> ids = Arrays.asList(a).subList(3, a.length);
        Catalogue cat = Catalogue.loadOnly(home.indicators(), contracts, ids);
        RunRequest req = RunRequest.between(LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1));
        try (Connection c = Store.open(store, home)) {
            Engine engine = new Engine(c); Analysis analysis = new Analysis(engine);
            for (String id : ids) {
                Indicator ind = cat.get(id);
                engine.run(ind, req); analysis.run(ind, req);
                List<Double> ec = new ArrayList<>(), ac = new ArrayList<>(), ew = new ArrayList<>(), aw = new ArrayList<>(), ratio = new ArrayList<>();
                for (int k = 0; k < rounds; k++) {
                    long c0 = cpu(), w0 = System.nanoTime();
                    engine.run(ind, req);
                    long c1 = cpu(), w1 = System.nanoTime();
                    analysis.run(ind, req);
                    long c2 = cpu(), w2 = System.nanoTime();
                    ec.add((c1-c0)/1e9); ac.add((c2-c1)/1e9); ew.add((w1-w0)/1e9); aw.add((w2-w1)/1e9);
                    ratio.add((double)(c2-c1)/(c1-c0));
                }
                System.out.printf(Locale.ROOT, "analysis-share %s: engine cpu %.3f s wall %.3f | analysed cpu %.3f wall %.3f | analysis adds (cpu, median of per-round ratios) %+.0f %% (medians of %d)%n",
                    id, med(ec), med(ew), med(ac), med(aw), 100*(med(ratio)-1), rounds);
            }
        }
    }
}

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
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
 * AnalysisShare's figure split by thread kind (issue #17, readmit20): per indicator, WARMUP pairs of runs, then ROUNDS
 * alternating warm engine runs and analysed runs of one calendar year in this JVM, each measured as the CPU of the
 * JVM's threads from /proc/self/task (Linux, 10 ms ticks): the JIT compilers (C1/C2), and all the rest (the main thread,
 * where DuckDB runs a query too, DuckDB's workers, GC). The analysis's code runs a few times per analysis, so C2 keeps
 * compiling it for dozens of runs: the "without JIT" share is what the analysis costs once its code is compiled (as in
 * a catalogue run, where every indicator shares it). Prints medians of the per-round ratios. E.g.
 * {@code KVIK_HOME=. java -cp engine/target/kvik.jar engine/bench/analysis-share/AnalysisShareThreads.java STORE 2023 3 9
 * readmission_67_30d}.
 */
public class AnalysisShareThreads {
    /** CPU ticks (10 ms) of the JIT compiler threads and of all other threads of this JVM. */
    static long[] ticks() throws Exception {
        long jit = 0;
        long rest = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path t : tasks) {
                String stat;
                try {
                    stat = Files.readString(t.resolve("stat"));
                } catch (java.io.IOException gone) {
                    continue; // the thread ended meanwhile
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long n = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime + stime
                if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) jit += n; else rest += n;
            }
        }
        return new long[] {jit, rest};
    }

    static double med(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    public static void main(String[] a) throws Exception {
        Path store = Path.of(a[0]);
        int year = Integer.parseInt(a[1]);
        int warmup = Integer.parseInt(a[2]);
        int rounds = Integer.parseInt(a[3]);
        KvikHome home = KvikHome.locate();
        List<String> ids = Arrays.asList(a).subList(4, a.length);
        Catalogue cat = Catalogue.loadOnly(home.indicators(), Contracts.load(home.contracts()), ids);
        RunRequest req = RunRequest.between(LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1));
        try (Connection c = Store.open(store, home)) {
            Engine engine = new Engine(c);
            Analysis analysis = new Analysis(engine);
            for (String id : ids) {
                Indicator ind = cat.get(id);
                for (int k = 0; k < warmup; k++) {
                    engine.run(ind, req);
                    analysis.run(ind, req);
                }
                List<Double> engineAll = new ArrayList<>(), engineJit = new ArrayList<>(), analysedAll = new ArrayList<>(),
                        analysedJit = new ArrayList<>(), ratioAll = new ArrayList<>(), ratioNoJit = new ArrayList<>();
                for (int k = 0; k < rounds; k++) {
                    long[] t0 = ticks();
                    engine.run(ind, req);
                    long[] t1 = ticks();
                    analysis.run(ind, req);
                    long[] t2 = ticks();
                    double eJit = (t1[0] - t0[0]) / 100.0, eRest = (t1[1] - t0[1]) / 100.0;
                    double aJit = (t2[0] - t1[0]) / 100.0, aRest = (t2[1] - t1[1]) / 100.0;
                    engineAll.add(eJit + eRest);
                    engineJit.add(eJit);
                    analysedAll.add(aJit + aRest);
                    analysedJit.add(aJit);
                    ratioAll.add((aJit + aRest) / (eJit + eRest));
                    ratioNoJit.add(aRest / eRest);
                }
                System.out.printf(Locale.ROOT, "analysis-share-threads %s: engine cpu %.3f s (JIT %.3f) | analysed cpu %.3f s (JIT %.3f)"
                        + " | analysis adds %+.0f %%, without the JIT compilers' CPU %+.0f %% (medians of %d after %d warm-up pairs)%n",
                        id, med(engineAll), med(engineJit), med(analysedAll), med(analysedJit), 100 * (med(ratioAll) - 1),
                        100 * (med(ratioNoJit) - 1), rounds, warmup);
            }
        }
    }
}

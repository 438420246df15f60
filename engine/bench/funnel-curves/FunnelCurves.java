import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.*;
import no.kvik.analysis.*;
import no.kvik.catalog.*;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.engine.*;
import no.kvik.store.Store;
import no.kvik.variation.*;

/**
 * What the funnel charts' exact limit curves cost (issue #17, branch betabinom), in process CPU: per indicator, one
 * analysed run of one calendar year, then ROUNDS times every funnel's curves as FunnelChart.layout draws them (200
 * points log-spaced from 0.8·min n to 1.05·max n, every level at each point, on one thread here so CPU = work); prints
 * the median CPU seconds per round and a checksum of the limits (equal between builds when the limits are). Run with
 * the jar of the build to measure (one JVM per build), e.g. {@code KVIK_HOME=. java -cp engine/target/kvik.jar
 * engine/bench/funnel-curves/FunnelCurves.java STORE 2024 5 gp_consultations_own_gp antibiotic_users_share}.
 * {@code FunnelCurves.java synthetic NMAX ROUNDS}: the same for one 200-point chart from n = 10 to NMAX of the
 * over-dispersed proportion p0 = 0.2, τ² = 4e-4 (beta-binomial tails), levels 95 % and 99.8 %, mid-p.
 */
public class FunnelCurves {
    static long cpu() { return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime(); }
    public static void main(String[] a) throws Exception {
        if (a[0].equals("synthetic")) {
            synthetic(Double.parseDouble(a[1]), Integer.parseInt(a[2]));
            return;
        }
        Path store = Path.of(a[0]); int year = Integer.parseInt(a[1]); int rounds = Integer.parseInt(a[2]);
        KvikHome home = KvikHome.locate();
        Contracts contracts = Contracts.load(home.contracts());
        List<String> ids = Arrays.asList(a).subList(3, a.length);
        Catalogue cat = Catalogue.loadOnly(home.indicators(), contracts, ids);
        RunRequest req = RunRequest.between(LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1));
        try (Connection c = Store.open(store, home)) {
            Analysis analysis = new Analysis(new Engine(c));
            for (String id : ids) {
                AnalysedIndicator ai = analysis.run(cat.get(id), req);
                List<Double> perRound = new ArrayList<>();
                double checksum = 0;
                int points = 0;
                for (int k = 0; k < rounds; k++) {
                    long c0 = cpu();
                    checksum = 0;
                    points = 0;
                    for (FunnelSummary f : ai.funnels()) {
                        FunnelResult r = f.funnel();
                        if (r == null || r.units().isEmpty()) continue;
                        double nMin = r.units().stream().mapToDouble(FunnelUnit::denominator).filter(d -> d > 0).min().orElse(1);
                        double nMax = r.units().stream().mapToDouble(FunnelUnit::denominator).max().orElse(1);
                        double lo = nMin * 0.8, hi = nMax * 1.05;
                        for (int i = 0; i < 200; i++) {
                            double rho = Math.max(1, Math.round(lo * Math.pow(hi / lo, i / 199.0)));
                            for (Limits l : r.model().limits(rho, r.levels(), r.options().midP())) {
                                checksum += l.lower() + Math.min(l.upper(), 1e300);
                            }
                            points++;
                        }
                    }
                    perRound.add((cpu() - c0) / 1e9);
                }
                Collections.sort(perRound);
                System.out.printf(Locale.ROOT, "funnel-curves %s: %d curve points, cpu per round median %.3f s (min %.3f, %d rounds), checksum %.17g%n",
                        id, points, perRound.get(rounds / 2), perRound.get(0), rounds, checksum);
            }
        }
    }

    static void synthetic(double nMax, int rounds) {
        FunnelModel m = new FunnelModel(IndicatorKind.PROPORTION, LimitMethod.EXACT, 0.2, Overdispersion.ADDITIVE, 2, 4e-4);
        double[] levels = {0.95, 0.998};
        List<Double> perRound = new ArrayList<>();
        double checksum = 0;
        for (int k = 0; k < rounds; k++) {
            long c0 = cpu();
            checksum = 0;
            for (int i = 0; i < 200; i++) {
                double rho = Math.round(10 * Math.pow(nMax / 10, i / 199.0));
                for (Limits l : m.limits(rho, levels, true)) {
                    checksum += l.lower() + l.upper();
                }
            }
            perRound.add((cpu() - c0) / 1e9);
        }
        Collections.sort(perRound);
        System.out.printf(Locale.ROOT, "funnel-curves synthetic to n = %.0f: cpu per chart median %.3f s (min %.3f, %d rounds), checksum %.17g%n",
                nMax, perRound.get(rounds / 2), perRound.get(0), rounds, checksum);
    }
}

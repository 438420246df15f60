import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.*;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contract;
import no.kvik.contract.Contracts;
import no.kvik.quality.QualityReport;
import no.kvik.quality.QualityRow;
import no.kvik.store.Store;

/**
 * The release's data-quality lines (issue #17, branch callsdq): per contract, in one JVM and store connection, ROUNDS
 * rounds of its lines as {@code QualityReport.contractLines} computes them (the private {@code linesOf}, by
 * reflection; the catalogue's readers, parsed once per call, timed apart), with one DuckDB thread as in a release worker; with {@code -Dchecks} also each check's
 * own cost (the private {@code contract}, {@code fill}, {@code flagged} and {@code removed} steps, called by
 * reflection: {@code contract} includes fill and flagged, so its own part is the difference), and a floor: one plain
 * scan of the contract's {@code _all} view hashing every column the checks read. Prints process CPU seconds
 * (medians) and the lines' hash, so that two builds' lines can be compared.
 * E.g. {@code KVIK_HOME=. nice -n 5 java -cp engine/target/kvik.jar engine/bench/release-quality/ReleaseQualityBench.java
 * /work/data9/s1x6/store 2 npr_somatic amk_call ...} (no contract: every contract with deliveries).
 */
public class ReleaseQualityBench {
    static long cpu() { return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime(); }
    static double med(List<Double> v) { List<Double> s = new ArrayList<>(v); Collections.sort(s); int n = s.size(); return n % 2 == 1 ? s.get(n/2) : (s.get(n/2-1)+s.get(n/2))/2; }

    public static void main(String[] a) throws Exception {
        Path store = Path.of(a[0]); int rounds = Integer.parseInt(a[1]);
        KvikHome home = KvikHome.locate();
        Contracts contracts = Contracts.load(home.contracts());
        List<String> ids = new ArrayList<>(Arrays.asList(a).subList(2, a.length));
        try (Connection conn = Store.open(store, home)) {
            try (var st = conn.createStatement()) { st.execute("SET threads = 1"); }
            var manifest = Store.manifest(conn);
            if (ids.isEmpty()) for (Contract c : contracts.all()) if (!manifest.deliveries(c.id()).isEmpty()) ids.add(c.id());
            // the catalogue's readers (indicator SQL parsed once per contractLines call, whatever the contracts)
            Method readersM = QualityReport.class.getDeclaredMethod("readers", KvikHome.class, Contracts.class);
            readersM.setAccessible(true);
            Object readers = null;
            List<Double> rc = new ArrayList<>();
            for (int r = 0; r < rounds; r++) { long c0 = cpu(); readers = readersM.invoke(null, home, contracts); rc.add((cpu() - c0) / 1e9); }
            System.out.printf(Locale.ROOT, "%-28s %6.2f CPU s (once per call)%n", "readers", med(rc));
            Class<?> shownC = Class.forName("no.kvik.quality.ShownUnits");
            var shownK = shownC.getDeclaredConstructor(); shownK.setAccessible(true);
            // main's separate fill query (aeb2262); from branch callsdq on, the fill counts are part of the periods scan
            Method fill = Arrays.stream(QualityReport.class.getDeclaredMethods()).filter(m -> m.getName().equals("fill")).findFirst().orElse(null);
            if (fill != null) fill.setAccessible(true);
            Method flagged = QualityReport.class.getDeclaredMethod("flagged", Connection.class, Contract.class, shownC, Map.class, List.class); flagged.setAccessible(true);
            Method removed = QualityReport.class.getDeclaredMethod("removed", Connection.class, Contract.class, readers.getClass(), List.class); removed.setAccessible(true);
            Method linesOf = QualityReport.class.getDeclaredMethod("linesOf", Connection.class, Contract.class, QualityReport.Expected.class, readers.getClass()); linesOf.setAccessible(true);
            double total = 0;
            for (String id : ids) {
                if (System.getProperty("checks") != null) {
                    Contract c = contracts.byId(id).orElseThrow();
                    List<Double> all = new ArrayList<>(), fi = new ArrayList<>(), fl = new ArrayList<>(), re = new ArrayList<>();
                    for (int r = 0; r < rounds; r++) {
                        long c0 = cpu(); linesOf.invoke(null, conn, c, QualityReport.Expected.STORE, readers); all.add((cpu() - c0) / 1e9);
                        c0 = cpu(); if (fill != null) fill.invoke(null, conn, c, shownK.newInstance(), new ArrayList<>()); fi.add((cpu() - c0) / 1e9);
                        c0 = cpu(); flagged.invoke(null, conn, c, shownK.newInstance(), new HashMap<>(), new ArrayList<>()); fl.add((cpu() - c0) / 1e9);
                        c0 = cpu(); removed.invoke(null, conn, c, readers, new ArrayList<>()); re.add((cpu() - c0) / 1e9);
                    }
                    System.out.printf(Locale.ROOT, "%-28s checks: all %5.2f = periods %5.2f + fill %5.2f + flagged %5.2f + removed %5.2f%n", id,
                            med(all), med(all) - med(fi) - med(fl) - med(re), med(fi), med(fl), med(re));
                }
                List<Double> cpus = new ArrayList<>();
                int hash = 0, n = 0;
                for (int r = 0; r < rounds; r++) {
                    long c0 = cpu();
                    @SuppressWarnings("unchecked")
                    List<QualityRow> lines = (List<QualityRow>) linesOf.invoke(null, conn, contracts.byId(id).orElseThrow(), QualityReport.Expected.STORE, readers);
                    cpus.add((cpu() - c0) / 1e9);
                    hash = lines.hashCode(); n = lines.size();
                }
                List<Double> floors = new ArrayList<>();
                Contract c = contracts.byId(id).orElseThrow();
                String cols = String.join(", ", c.columnNames()) + ", _errors, _warnings, _year";
                for (int r = 0; r < rounds; r++) {
                    long c0 = cpu();
                    try (var st = conn.createStatement(); var rs = st.executeQuery("SELECT count(*), sum(hash(" + cols + ")) FROM " + id + "_all")) { rs.next(); }
                    floors.add((cpu() - c0) / 1e9);
                }
                total += med(cpus);
                System.out.printf(Locale.ROOT, "%-28s lines %6.2f CPU s  floor %5.2f  (%d lines, hash %08x)%n", id, med(cpus), med(floors), n, hash);
            }
            System.out.printf(Locale.ROOT, "%-28s lines %6.2f CPU s%n", "total", total);
        }
    }
}

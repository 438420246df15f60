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
import no.kvik.sql.ParameterType;
import no.kvik.store.Store;

/**
 * Where an indicator's case query spends its time with its parameters bound through JDBC ({@code ?}, as the engine
 * binds them) versus the same query with the values written in as typed SQL literals (issue #17, oecdfollow).
 * In one JVM and store connection (the keyed views first on the search path, as the engine runs indicator SQL),
 * ROUNDS interleaved rounds per indicator of {@code CREATE TEMP TABLE AS <case query>} bound and literal (process
 * CPU and wall, medians), a row check (EXCEPT ALL both ways), and DuckDB's JSON profile of both written to OUTDIR (ID.bound.json, ID.literal.json).
 * E.g. {@code KVIK_HOME=. nice -n 5 java -cp engine/target/kvik.jar engine/bench/follow-up-plan/FollowUpPlan.java
 * STORE 2023 3 OUTDIR oecd_ami_1y_mortality oecd_ami_statin_1y ...}
 */
public class FollowUpPlan {
    static long cpu() { return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime(); }
    static double med(List<Double> v) { List<Double> s = new ArrayList<>(v); Collections.sort(s); int n = s.size(); return n % 2 == 1 ? s.get(n/2) : (s.get(n/2-1)+s.get(n/2))/2; }
    static long count(Statement st, String sql) throws Exception { try (ResultSet rs = st.executeQuery(sql)) { rs.next(); return rs.getLong(1); } }

    /** The template's text with each $name replaced by its typed literal (placeholders in jdbcText, in order). */
    static String literal(Indicator ind, Map<String, Object> values) {
        List<String> occ = ind.sql().occurrences();
        // the template parser put a ? for each occurrence outside quotes and comments: find them the same way
        // (enough for the indicator files this bench is run on: no quoted identifiers or block comments hold a $)
        StringBuilder out = new StringBuilder();
        int k = 0;
        String text = ind.sql().text();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'' ) { int e = text.indexOf('\'', i + 1); while (e + 1 < text.length() && text.charAt(e + 1) == '\'') e = text.indexOf('\'', e + 2); out.append(text, i, e + 1); i = e + 1; }
            else if (c == '-' && i + 1 < text.length() && text.charAt(i + 1) == '-') { int e = text.indexOf('\n', i); e = e < 0 ? text.length() : e; out.append(text, i, e); i = e; }
            else if (c == '$') { int j = i + 1; while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) j++;
                String name = occ.get(k++); if (!name.equals(text.substring(i + 1, j))) throw new IllegalStateException(name);
                out.append(ind.parameterTypes().get(name).sqlLiteral(values.get(name))); i = j; }
            else { out.append(c); i++; }
        }
        if (k != occ.size()) throw new IllegalStateException("occurrences");
        return out.toString();
    }

    static PreparedStatement bound(Connection c, Indicator ind, String wrapped, Map<String, Object> values) throws Exception {
        PreparedStatement ps = c.prepareStatement(wrapped);
        List<String> occ = ind.sql().occurrences();
        for (int k = 0; k < occ.size(); k++) ind.parameterTypes().get(occ.get(k)).bind(ps, k + 1, values.get(occ.get(k)));
        return ps;
    }

    public static void main(String[] a) throws Exception {
        Path store = Path.of(a[0]); int year = Integer.parseInt(a[1]); int rounds = Integer.parseInt(a[2]); Path outDir = Path.of(a[3]);
        List<String> ids = Arrays.asList(a).subList(4, a.length);
        Files.createDirectories(outDir);
        KvikHome home = KvikHome.locate();
        Catalogue cat = Catalogue.loadOnly(home.indicators(), Contracts.load(home.contracts()), ids);
        try (Connection c = Store.open(store, home); Statement st = c.createStatement()) {
            boolean keyed = count(st, "SELECT count(*) FROM duckdb_schemas() WHERE schema_name = 'kvik_keyed'") > 0;
            if (keyed) st.execute("SET search_path = 'kvik_keyed,main'");
            for (String id : ids) {
                Indicator ind = cat.get(id);
                Map<String, Object> values = new LinkedHashMap<>(ind.parameterValues(Map.of()));
                values.put(Indicator.PERIOD_START, LocalDate.of(year, 1, 1));
                values.put(Indicator.PERIOD_END, LocalDate.of(year + 1, 1, 1));
                String lit = literal(ind, values);
                List<Double> bc = new ArrayList<>(), bw = new ArrayList<>(), lc = new ArrayList<>(), lw = new ArrayList<>();
                for (int r = -1; r < rounds; r++) { // round -1 warms the files
                    long c0 = cpu(), w0 = System.nanoTime();
                    try (PreparedStatement ps = bound(c, ind, "CREATE OR REPLACE TEMP TABLE bound_cases AS " + ind.sql().jdbcText(), values)) { ps.execute(); }
                    if (r >= 0) { bc.add((cpu() - c0) / 1e9); bw.add((System.nanoTime() - w0) / 1e9); }
                    c0 = cpu(); w0 = System.nanoTime();
                    st.execute("CREATE OR REPLACE TEMP TABLE literal_cases AS " + lit);
                    if (r >= 0) { lc.add((cpu() - c0) / 1e9); lw.add((System.nanoTime() - w0) / 1e9); }
                }
                long diff = count(st, "SELECT count(*) FROM (SELECT * FROM bound_cases EXCEPT ALL SELECT * FROM literal_cases)")
                        + count(st, "SELECT count(*) FROM (SELECT * FROM literal_cases EXCEPT ALL SELECT * FROM bound_cases)");
                long rows = count(st, "SELECT count(*) FROM bound_cases");
                // DuckDB's JSON profile of one more run of each (operator timings, cardinalities, what each scans)
                st.execute("SET enable_profiling = 'json'");
                st.execute("SET profiling_output = '" + outDir.resolve(id + ".bound.json") + "'");
                try (PreparedStatement ps = bound(c, ind, "CREATE OR REPLACE TEMP TABLE bound_cases AS " + ind.sql().jdbcText(), values)) { ps.execute(); }
                st.execute("SET profiling_output = '" + outDir.resolve(id + ".literal.json") + "'");
                st.execute("CREATE OR REPLACE TEMP TABLE literal_cases AS " + lit);
                st.execute("RESET enable_profiling");
                System.out.printf(Locale.ROOT, "follow-up-plan %s: %d rows (%d differ) | bound cpu %.2f s wall %.2f | literal cpu %.2f s wall %.2f (medians of %d)%n",
                        id, rows, diff, med(bc), med(bw), med(lc), med(lw), rounds);
            }
        }
    }
}
